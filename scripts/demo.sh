#!/usr/bin/env bash
# Builds the native binary and runs the main job on a bundled sample: validate it, plan it, then
# apply it to a scratch root (a minimal /etc made here) and show the tree it produced.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet publish src/Provisioner.Cli -c Release -r linux-x64 -o out --nologo -v quiet
echo "built out/provisioner ($(stat -c %s out/provisioner) bytes): $(out/provisioner --version)"

sample=samples/web-server.ign
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

echo; echo "== provisioner validate --pretty $sample"
out/provisioner validate --pretty "$sample" && echo "-> valid"
echo; echo "== provisioner validate --pretty samples/invalid/broken.ign"
out/provisioner validate --pretty samples/invalid/broken.ign || echo "-> invalid (exit $?)"

# A scratch root with the account databases useradd needs, and the groups a Flatcar image has.
root="$scratch/root"
mkdir -p "$root/etc"
printf 'root:x:0:0:root:/root:/bin/bash\n' > "$root/etc/passwd"
printf 'root:x:0:\nwheel:x:10:\ndocker:x:233:\n' > "$root/etc/group"
printf 'root:*:19000:0:99999:7:::\n' > "$root/etc/shadow"
printf 'root:*::\nwheel:*::\ndocker:*::\n' > "$root/etc/gshadow"
chmod 600 "$root/etc/shadow" "$root/etc/gshadow"
: > "$root/etc/login.defs"

echo; echo "== provisioner plan $sample --root <scratch root>"
out/provisioner plan "$sample" --root "$root"
echo; echo "== provisioner apply $sample --root <scratch root>"
out/provisioner apply "$sample" --root "$root"
echo; echo "== the tree it made (type and mode, uid:gid, path, link target)"
(cd "$root" && find . -mindepth 1 -newer etc/login.defs -printf '%M %U:%G %p %l\n' | sort -k3)
echo; echo "== the user it added"; grep "^core:" "$root/etc/passwd"
