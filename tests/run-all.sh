#!/usr/bin/env bash
# Runs every test: the xunit projects, then the differential runs against Debian's Ignition 2.14
# (ignition-validate on the validation corpus; the ignition binary's files stage, tree for tree),
# then the tests that run in a QEMU guest (tests/qemu, tests/disks, and the first boot in tests/boot).
# Installs what it needs (as root, from Debian), so it works on a fresh machine.
# The last line is the total over everything: "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v ignition-validate >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ignition >/dev/null
  else
    echo "note: ignition-validate is not installed and we are not root; the differential run will be skipped"
  fi
fi

passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# suite SCRIPT [ARGS...]: runs a script whose last counting line is "N passed, M failed" and adds it up
# (a script that prints no such line counts as one failure).
suite() {
  echo
  echo "== $1"
  bash "$@" 2>&1 | tee "$log"
  read -r p f < <(sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\1 \2/p' "$log" | tail -n 1)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-1}))
}

dotnet test Provisioner.sln --nologo 2>&1 | tee "$log"
# xunit's summary per project: "Passed!  - Failed:     0, Passed:    41, Skipped: ..."
while read -r f p; do
  failed=$((failed + f)); passed=$((passed + p))
done < <(sed -nE 's/.*(Passed|Failed)! +- Failed: +([0-9]+), Passed: +([0-9]+).*/\2 \3/p' "$log")
if ! grep -qE '(Passed|Failed)! +- Failed:' "$log"; then
  echo "the test projects did not run (build failure?)"
  failed=$((failed + 1))
fi

if command -v ignition-validate >/dev/null 2>&1; then
  echo
  echo "== differential run against $(ignition-validate --version)"
  if dotnet publish src/Provisioner.Cli -c Release -r linux-x64 -o out --nologo -v quiet; then
    for differential in validate-corpus.sh files-stage.sh; do
      suite "tests/differential/$differential" out/provisioner
    done
  else
    echo "publishing the native binary failed"
    failed=$((failed + 1))
  fi
fi

# Block devices, RAID, LUKS and vfat need a kernel this machine's lacks: a QEMU guest (TCG) provides it.
if [ "$(id -u)" = 0 ]; then
  suite tests/qemu/selftest.sh
  if [ -x out/provisioner ]; then
    suite tests/disks/run.sh out/provisioner
    suite tests/boot/run.sh out/provisioner
  fi
else
  echo "note: not root: the QEMU guest tests (which install their packages) are skipped"
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
