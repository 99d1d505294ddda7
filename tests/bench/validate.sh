#!/usr/bin/env bash
# Benchmark (not a test): `provisioner validate` against Debian's `ignition-validate`, whole process,
# on a small config and on a ~1 MB config with 5,000 files. Prints the medians and our/their ratio.
# Usage: tests/bench/validate.sh [PROVISIONER_BINARY] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${2:-30}
bin=${1:-}
if [ -z "$bin" ]; then
  dotnet publish src/Provisioner.Cli -c Release -r linux-x64 -o out --nologo -v quiet
  bin=out/provisioner
fi
for tool in hyperfine ignition-validate; do
  command -v "$tool" >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine ignition >/dev/null; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 tests/bench/make-configs.py "$work"

printf '%-8s %10s %12s %18s %8s\n' config size provisioner ignition-validate ratio
for name in small large; do
  config="$work/$name.ign"
  "$bin" validate "$config" >/dev/null
  ignition-validate "$config" >/dev/null
  hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/$name.json" \
    "$bin validate $config" "ignition-validate $config" >/dev/null
  python3 - "$work/$name.json" "$name" "$(stat -c %s "$config")" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
ours, theirs = (r["median"] * 1000 for r in results)
print(f"{sys.argv[2]:<8} {int(sys.argv[3]):>10} {ours:>10.2f}ms {theirs:>16.2f}ms {ours / theirs:>8.2f}")
PY
done
