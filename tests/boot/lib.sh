# Shared by tests/boot/run.sh and tests/bench/boot.sh: the two initramfs images (ours and Debian's Ignition
# module, with the same dracut modules and drivers), the disks, one first boot under QEMU, and its stage times.
# The caller sets $repo and $work (a temporary directory it removes) before calling boot_setup.
boot_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# boot_setup [BINARY]: installs QEMU, the kernel, dracut and Ignition when missing, publishes the binary when
# none is given, and copies dracut's module tree (so the host's is not changed); sets $bin and $kver.
boot_setup() {
  bash "$repo/tests/qemu/install-deps.sh" >/dev/null || return 1
  { command -v dracut >/dev/null && [ -d /usr/lib/dracut/modules.d/30ignition ]; } ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive INITRD=No apt-get install -y -qq --no-install-recommends dracut-core dracut-network ignition >/dev/null; } ||
    return 1
  bin=${1:-}
  if [ -z "$bin" ]; then
    dotnet publish "$repo/src/Provisioner.Cli" -c Release -r linux-x64 -o "$repo/out" --nologo -v quiet || return 1
    bin=$repo/out/provisioner
  fi
  bin=$(realpath "$bin")
  kver=$(dpkg-query -W -f='${Depends}' linux-image-amd64 | sed -nE 's/.*linux-image-([0-9][^ ,]*-amd64).*/\1/p')
  cp -a /usr/lib/dracut "$work/dracut"
  cp -r "$repo/src/dracut/30provisioner" "$boot_dir/99boottest" "$work/dracut/modules.d/"
}

# --- initramfs images, from the private copy of dracut's module tree that boot_setup made ---
# initrd NAME MODULE: the same dracut modules and drivers for both, plus the first-boot module.
initrd() {
  local started=$SECONDS
  mkdir -p "$work/no-conf"
  # --conf/--confdir: the host's dracut configuration (e.g. Debian's, which adds network modules) stays out.
  dracutbasedir=$work/dracut PROVISIONER_BINARY=$bin dracut --quiet --force --no-hostonly --no-hostonly-cmdline \
    --conf /dev/null --confdir "$work/no-conf" \
    --modules "systemd systemd-initrd dracut-systemd base fs-lib rootfs-block udev-rules $2 boottest" \
    --drivers "virtio_blk virtio_pci ext4 qemu_fw_cfg" --compress gzip "$work/$1.img" "$kver" >"$work/dracut-$1.log" 2>&1 ||
    { tail -n 20 "$work/dracut-$1.log"; return 1; }
  echo "   initramfs $1: $(stat -c %s "$work/$1.img") bytes, built in $((SECONDS - started)) s"
}

# --- disks: a small root (accounts, an os-release, SELinux named but disabled) and a blank data disk ---
make_disks() { # PREFIX
  local root=$work/$1-rootfs
  mkdir -p "$root"/{etc/selinux,home,root,var/lib,usr/lib/systemd/system,etc/systemd/system}
  printf 'root:x:0:0:root:/root:/bin/sh\n' >"$root/etc/passwd"
  printf 'root:x:0:\nwheel:x:10:\n' >"$root/etc/group"
  printf 'root:*:19000:0:99999:7:::\n' >"$root/etc/shadow"
  printf 'root:*::\nwheel:*::\n' >"$root/etc/gshadow"
  chmod 0600 "$root/etc/shadow" "$root/etc/gshadow"
  printf 'ID=boottest\nNAME="Boot test root"\n' >"$root/etc/os-release"
  printf 'SELINUX=disabled\nSELINUXTYPE=targeted\n' >"$root/etc/selinux/config"
  truncate -s 256M "$work/$1-root.img"
  mkfs.ext4 -q -L ROOT -d "$root" "$work/$1-root.img"
  truncate -s 256M "$work/$1-data.img"
}

# boot NAME INITRD CONFIG: one first boot; the console goes to NAME.console.
boot() {
  make_disks "$1"
  "$repo/tests/qemu/run-in-guest.sh" --initrd "$work/$2.img" --memory 1024 --timeout 900 \
    --disk "$work/$1-root.img:root" --disk "$work/$1-data.img:data" \
    --fw-cfg "opt/com.coreos/config=$3" --console "$work/$1.console" \
    --kernel-arg "root=/dev/vda rw ignition.firstboot ignition.platform.id=qemu rd.emergency=poweroff systemd.show_status=1${BOOT_TEST_JOURNAL:+ boottest.journal}" \
    >"$work/$1.harness" 2>&1 || true
  tr -d '\r' <"$work/$1.console" >"$work/$1.txt"
}

# stage_span NAME: milliseconds from the first stage's start to the last stage's end (monotonic, from the guest).
stage_span() {
  awk '/^BOOTTEST-UNIT/ && !/remount/ { for (i = 3; i <= 4; i++) { split($i, kv, "="); v = kv[2] + 0; if (v == 0) continue;
         if (i == 3 && (min == "" || v < min)) min = v; if (i == 4 && v > max) max = v } }
       END { if (min == "" || max == "") print "?"; else printf "%d", (max - min) / 1000 }' "$work/$1.txt"
}

# stage_times NAME: "STAGE MILLISECONDS" for each first-boot stage unit that ran.
stage_times() {
  awk '/^BOOTTEST-UNIT/ && !/remount/ { split($3, s, "="); split($4, e, "="); if (s[2] + 0 == 0) next;
         name = $2; sub(/^(provisioner|ignition)-/, "", name); sub(/\.service$/, "", name);
         printf "%s %d\n", name, (e[2] - s[2]) / 1000 }' "$work/$1.txt"
}
