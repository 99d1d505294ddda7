#!/usr/bin/env bash
# Builds the native binary and runs the main job on the bundled samples: validate each one.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet publish src/Provisioner.Cli -c Release -r linux-x64 -o out --nologo -v quiet
echo "built out/provisioner ($(stat -c %s out/provisioner) bytes): $(out/provisioner --version)"
for config in samples/*.ign samples/invalid/*.ign; do
  echo
  echo "== provisioner validate --pretty $config"
  if out/provisioner validate --pretty "$config"; then echo "-> valid"; else echo "-> invalid (exit $?)"; fi
done
