#!/usr/bin/env bash
# Runs one command inside a QEMU guest (TCG) that boots Debian's kernel and uses the host's own
# root file system, read-only over virtio-9p with a tmpfs overlay, as its userland. Disk tests use
# it because this host's kernel has no GPT scanning on loop devices, no md, no device-mapper and
# no vfat; the guest's kernel has them all. See README.md beside this file.
#
# usage: run-in-guest.sh [options] -- COMMAND [ARGS...]
#   --disk IMAGE[:SERIAL]  attach IMAGE (raw; .qcow2 by its name) as a virtio-blk disk; repeatable.
#                          The guest sees /dev/vda, /dev/vdb, ... in the order given, and
#                          /dev/disk/by-id/virtio-SERIAL (SERIAL defaults to disk0, disk1, ...).
#   --memory MiB           guest memory (default 1024)
#   --smp N                guest CPUs (default 1: faster to boot under TCG on a busy host)
#   --timeout SECONDS      hard limit for the whole run, boot included (default 600)
#   --results DIR          host directory shared read-write; the guest sees it at the same path
#                          and in $HARNESS_RESULTS (default: a temporary one, removed afterwards)
#   --log FILE             also write the command's output to FILE (default: DIR/command.log
#                          when --results is given)
#   --console FILE         keep the whole serial console log in FILE
#   --kernel-arg ARG       append ARG to the kernel command line; repeatable
#   --fw-cfg NAME=FILE     a QEMU firmware configuration blob (e.g. opt/com.coreos/config=config.ign); repeatable
#   --initrd FILE          boot FILE instead of the harness's own initramfs (a boot test's). The
#                          shares stay attached (9p tags hostroot, harness, results); the guest
#                          reports by printing "HARNESS-EXIT-STATUS: N" alone on a console line
#                          (or by writing N to the harness share's file "status"); COMMAND is
#                          then optional
#   --module NAME          load this kernel module in the guest too; repeatable
#   --env NAME=VALUE       set this in the command's environment; repeatable
# The command runs in the guest as root, in the host's current directory, with stdin empty.
# Its path and everything it reads must be on the host's root file system (not /proc, /sys,
# /dev, /run). Exit status: the command's own; 124 when the timeout struck; 125 when the
# harness or the guest failed before the command could report.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly here
readonly status_timeout=124 status_harness=125

die() {
  echo "run-in-guest: $*" >&2
  exit "$status_harness"
}

usage() {
  # The comment block at the top, from "usage:" to its end.
  awk '/^# usage:/ { p = 1 } p && !/^#/ { exit } p { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}" >&2
  exit 2
}

# --- options -----------------------------------------------------------------------------------

disks=() kernel_args=() modules=() envs=() fw_cfgs=()
memory=1024 smp=1 timeout=600 results='' log_file='' console_file='' initrd=''

parse_args() {
  while [ $# -gt 0 ]; do
    case $1 in
      --disk) disks+=("${2:?--disk needs IMAGE[:SERIAL]}"); shift 2 ;;
      --memory) memory=${2:?}; shift 2 ;;
      --smp) smp=${2:?}; shift 2 ;;
      --timeout) timeout=${2:?}; shift 2 ;;
      --results) results=${2:?}; shift 2 ;;
      --log) log_file=${2:?}; shift 2 ;;
      --console) console_file=${2:?}; shift 2 ;;
      --kernel-arg) kernel_args+=("${2:?}"); shift 2 ;;
      --fw-cfg) fw_cfgs+=("${2:?}"); shift 2 ;;
      --initrd) initrd=${2:?}; shift 2 ;;
      --module) modules+=("${2:?}"); shift 2 ;;
      --env) envs+=("${2:?}"); shift 2 ;;
      --help | -h) usage ;;
      --) shift; break ;;
      *) echo "run-in-guest: unknown option $1" >&2; usage ;;
    esac
  done
  # With --initrd the guest's own init decides what runs; a command is then optional (it is still
  # written to the control share, for that init to use).
  [ $# -gt 0 ] || [ -n "$initrd" ] || { echo "run-in-guest: no command given after --" >&2; usage; }
  command_argv=("$@")
  [[ $memory =~ ^[0-9]+$ ]] || die "--memory wants MiB, got $memory"
  [[ $smp =~ ^[0-9]+$ ]] || die "--smp wants a count, got $smp"
  [[ $timeout =~ ^[0-9]+$ ]] || die "--timeout wants seconds, got $timeout"
  local e
  for e in "${envs[@]}"; do [[ $e =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] || die "--env wants NAME=VALUE, got $e"; done
}

# --- the kernel --------------------------------------------------------------------------------

# The version of the kernel that Debian's linux-image-amd64 depends on: /boot/vmlinuz-V and
# /lib/modules/V must match, and this host's own running kernel (uname -r) is unrelated.
find_kernel() {
  local version=${HARNESS_KERNEL_VERSION:-}
  if [ -z "$version" ]; then
    version=$(dpkg-query -W -f='${Depends}' linux-image-amd64 2>/dev/null |
      sed -nE 's/^linux-image-([^ ,]+).*/\1/p')
  fi
  if [ -z "$version" ]; then
    # No metapackage: the newest kernel that has its modules installed.
    local v
    for v in $(printf '%s\n' /boot/vmlinuz-* | sed 's|^/boot/vmlinuz-||' | sort -V); do
      if [ -d "/lib/modules/$v" ]; then version=$v; fi
    done
  fi
  [ -n "$version" ] || die "no Debian kernel installed: run tests/qemu/install-deps.sh"
  kernel=/boot/vmlinuz-$version
  [ -r "$kernel" ] || die "$kernel is missing: run tests/qemu/install-deps.sh"
  [ -d "/lib/modules/$version" ] || die "/lib/modules/$version is missing"
  kernel_version=$version
}

# Under TCG, decompressing the bzImage (xz) costs ~5 s of every boot. The same kernel unpacked to
# its ELF vmlinux boots straight through its PVH entry point, so unpack it once and cache it.
# Anything unexpected (another compression, no PVH note) falls back to the bzImage: slower, same.
unpack_kernel() {
  local cache=$1 key vmlinux offset
  key=$(sha256sum "$kernel" | cut -c1-16)
  vmlinux=$cache/vmlinux-$kernel_version-$key
  if [ ! -s "$vmlinux" ]; then
    # The xz stream's magic; the kernel's own decompressor stub comes before it.
    offset=$(LC_ALL=C grep -abo -m 1 $'\xfd7zXZ' "$kernel" | head -n 1 | cut -d: -f1) || true
    [ -n "$offset" ] || return 0
    mkdir -p "$cache"
    local unpacked=$vmlinux.tmp.$$ notes=
    # xz stops at the end of its stream and complains about the bytes after it: its exit status
    # says nothing, the checks below do.
    tail -c +$((offset + 1)) "$kernel" | xz -dc >"$unpacked" 2>/dev/null || true
    if command -v readelf >/dev/null; then notes=$(readelf -n "$unpacked" 2>/dev/null || true); fi
    # 0x12 is XEN_ELFNOTE_PHYS32_ENTRY, the PVH entry point QEMU needs for an ELF kernel.
    if [ "$(head -c 4 "$unpacked" | od -An -tx1 | tr -d ' ')" != 7f454c46 ] ||
      { command -v readelf >/dev/null && [[ $notes != *'type: (0x00000012)'* ]]; }; then
      rm -f "$unpacked"
      return 0
    fi
    mv -f "$unpacked" "$vmlinux"
    find "$cache" -maxdepth 1 -name 'vmlinux-*' ! -name "${vmlinux##*/}" ! -name '*.tmp.*' -delete
  fi
  kernel=$vmlinux
}

# --- the initramfs -----------------------------------------------------------------------------

# Built from busybox-static, the modules stage 1 needs and the two guest scripts, and cached by a
# hash of exactly those inputs, so any change to one of them rebuilds it.
readonly initramfs_format=1
stage1_modules=(virtio_pci 9pnet_virtio 9p overlay)

build_initramfs() {
  local busybox=/bin/busybox
  if [ ! -x "$busybox" ] || ! "$busybox" --list | grep -qx switch_root; then
    die "busybox-static is missing: run tests/qemu/install-deps.sh"
  fi

  # insmod lines in load order, each module once.
  local module_paths
  module_paths=$(for m in "${stage1_modules[@]}"; do
    modprobe -S "$kernel_version" --show-depends "$m" || exit 1
  done | awk '$1 == "insmod" && !seen[$2]++ { print $2 }') ||
    die "cannot resolve the stage-1 modules for $kernel_version"

  local key
  key=$( {
    echo "format $initramfs_format kernel $kernel_version"
    # shellcheck disable=SC2086 # one path a line, none with spaces
    sha256sum "$busybox" "$here/guest/init" "$here/guest/stage2.sh" $module_paths
  } | sha256sum | cut -c1-16)

  initramfs=$cache/initramfs-$key.cpio
  [ -s "$initramfs" ] && return 0

  echo "run-in-guest: building the initramfs ($initramfs)" >&2
  mkdir -p "$cache"
  local stage
  stage=$(mktemp -d "$work/initramfs.XXXXXX")
  mkdir -p "$stage"/{bin,dev,proc,sys,lower,rw,newroot,modules}
  cp "$busybox" "$stage/bin/busybox"
  local applet
  for applet in sh mount insmod mkdir cp cat switch_root reboot sleep; do
    ln -s busybox "$stage/bin/$applet"
  done
  # The kernel opens /dev/console for PID 1 before anything is mounted.
  mknod -m 600 "$stage/dev/console" c 5 1
  install -m 755 "$here/guest/init" "$stage/init"
  install -m 755 "$here/guest/stage2.sh" "$stage/stage2.sh"
  local path
  for path in $module_paths; do
    cp "$path" "$stage/modules/"
    basename "$path" >>"$stage/modules/order"
  done
  # Uncompressed: the kernel unpacks it faster than it would decompress it under TCG.
  (cd "$stage" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) >"$initramfs.tmp.$$"
  mv -f "$initramfs.tmp.$$" "$initramfs"
  # Earlier builds are stale now.
  find "$cache" -maxdepth 1 -name 'initramfs-*.cpio' ! -name "initramfs-$key.cpio" -delete
}

# --- QEMU --------------------------------------------------------------------------------------

qemu_pid=
work=

# shellcheck disable=SC2317 # run by the EXIT trap
cleanup() {
  local status=$?
  if [ -n "$qemu_pid" ] && kill -0 "$qemu_pid" 2>/dev/null; then
    kill -TERM "$qemu_pid" 2>/dev/null || true
    local i
    for i in 1 2 3 4 5 6 7 8 9 10; do
      kill -0 "$qemu_pid" 2>/dev/null || break
      sleep 0.3
    done
    kill -KILL "$qemu_pid" 2>/dev/null || true
    wait "$qemu_pid" 2>/dev/null || true
  fi
  [ -z "$work" ] || rm -rf "$work"
  exit "$status"
}

# QEMU's option syntax splits on commas; a comma inside a value is written twice.
qemu_quote() { printf '%s' "${1//,/,,}"; }

disk_args() {
  local i=0 spec image serial format
  for spec in "${disks[@]}"; do
    # IMAGE[:SERIAL]: the part after the last colon is a serial when it looks like one.
    if [[ $spec =~ ^(.+):([A-Za-z0-9_.-]{1,20})$ ]]; then
      image=${BASH_REMATCH[1]} serial=${BASH_REMATCH[2]}
    else
      image=$spec serial=disk$i
    fi
    [ -f "$image" ] || [ -b "$image" ] || die "disk image $image does not exist"
    format=raw
    case $image in *.qcow2) format=qcow2 ;; esac
    # cache=unsafe: guest flushes are not forced to the host disk; QEMU still writes everything
    # to the image before it exits, which is all a test reads afterwards.
    qemu_args+=(-drive "file=$(qemu_quote "$image"),format=$format,if=none,id=disk$i,cache=unsafe,aio=threads"
      -device "virtio-blk-pci,drive=disk$i,serial=$serial")
    i=$((i + 1))
  done
}

write_control() {
  local control=$work/control
  mkdir -p "$control"
  : >"$control/argv"
  if [ "${#command_argv[@]}" -gt 0 ]; then printf '%s\0' "${command_argv[@]}" >"$control/argv"; fi
  if [ "${#envs[@]}" -gt 0 ]; then printf '%s\0' "${envs[@]}" >"$control/env"; fi
  if [ "${#modules[@]}" -gt 0 ]; then printf '%s\n' "${modules[@]}" >"$control/modules"; fi
  pwd >"$control/cwd"
  echo "$results" >"$control/results"
}

run_qemu() {
  local cmdline="console=ttyS0 quiet loglevel=3 panic=-1 mitigations=off ${kernel_args[*]}"
  # shellcheck disable=SC2054 # the commas belong to QEMU's option values
  qemu_args=(
    -nodefaults -no-user-config -no-reboot
    -machine pc -accel tcg -cpu max -smp "$smp" -m "$memory"
    -display none -monitor none
    -chardev "stdio,id=console,signal=off,logfile=$(qemu_quote "$work/console.log")"
    -serial chardev:console
    -kernel "$kernel" -initrd "$initramfs" -append "$cmdline"
    # The host's root, read-only; the guest writes to a tmpfs overlay on it.
    -fsdev "local,id=hostroot,path=/,security_model=none,readonly=on,multidevs=remap"
    -device virtio-9p-pci,fsdev=hostroot,mount_tag=hostroot
    -fsdev "local,id=harness,path=$(qemu_quote "$work/control"),security_model=none"
    -device virtio-9p-pci,fsdev=harness,mount_tag=harness
    -fsdev "local,id=results,path=$(qemu_quote "$results"),security_model=none"
    -device virtio-9p-pci,fsdev=results,mount_tag=results
  )
  disk_args
  local blob
  for blob in "${fw_cfgs[@]}"; do
    qemu_args+=(-fw_cfg "name=$(qemu_quote "${blob%%=*}"),file=$(qemu_quote "${blob#*=}")")
  done

  local started_at now boot_seconds=
  started_at=$(date +%s.%N)
  qemu-system-x86_64 "${qemu_args[@]}" </dev/null &
  qemu_pid=$!

  local deadline=$(($(date +%s) + timeout))
  while kill -0 "$qemu_pid" 2>/dev/null; do
    if [ -z "$boot_seconds" ] && [ -e "$work/control/started" ]; then
      now=$(date +%s.%N)
      boot_seconds=$(awk -v a="$started_at" -v b="$now" 'BEGIN { printf "%.1f", b - a }')
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo >&2
      echo "run-in-guest: TIMEOUT after ${timeout}s: killing QEMU (pid $qemu_pid)" >&2
      kill -KILL "$qemu_pid" 2>/dev/null || true
      wait "$qemu_pid" 2>/dev/null || true
      qemu_pid=
      save_logs
      exit "$status_timeout"
    fi
    sleep 0.2
  done
  local qemu_status=0
  wait "$qemu_pid" || qemu_status=$?
  qemu_pid=
  now=$(date +%s.%N)
  total_seconds=$(awk -v a="$started_at" -v b="$now" 'BEGIN { printf "%.1f", b - a }')
  boot_summary=${boot_seconds:+boot to command ${boot_seconds}s, }
  [ "$qemu_status" -eq 0 ] || echo "run-in-guest: QEMU exited with status $qemu_status" >&2
}

save_logs() {
  if [ -n "$log_file" ] && [ -e "$work/control/output" ]; then cp "$work/control/output" "$log_file"; fi
  if [ -n "$console_file" ] && [ -e "$work/console.log" ]; then cp "$work/console.log" "$console_file"; fi
  return 0
}

# The command's status, from the share or, failing that, from the console marker.
guest_status() {
  local status=
  if [ -s "$work/control/status" ]; then
    status=$(cat "$work/control/status")
  elif [ -e "$work/console.log" ]; then
    status=$(tr -d '\r' <"$work/console.log" | sed -nE 's/^HARNESS-EXIT-STATUS: ([0-9]+)$/\1/p' | tail -n 1)
  fi
  [[ $status =~ ^[0-9]+$ ]] || status=
  echo "$status"
}

main() {
  parse_args "$@"
  command -v qemu-system-x86_64 >/dev/null || die "qemu-system-x86_64 is missing: run tests/qemu/install-deps.sh"
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  work=$(mktemp -d "${TMPDIR:-/tmp}/run-in-guest.XXXXXX")

  if [ -z "$results" ]; then
    results=$work/results
  elif [ -z "$log_file" ]; then
    log_file=$results/command.log
  fi
  mkdir -p "$results"
  results=$(cd "$results" && pwd)
  cache=${HARNESS_CACHE_DIR:-$here/.cache}

  find_kernel
  unpack_kernel "$cache"
  if [ -n "$initrd" ]; then
    [ -r "$initrd" ] || die "initramfs $initrd does not exist"
    initramfs=$initrd
  else
    build_initramfs
  fi
  write_control
  run_qemu
  save_logs

  local status
  status=$(guest_status)
  if [ -z "$status" ]; then
    echo "run-in-guest: the guest reported no exit status (${total_seconds}s); see the console output above" >&2
    exit "$status_harness"
  fi
  echo "run-in-guest: exit status $status (${boot_summary}total ${total_seconds}s)" >&2
  exit "$status"
}

main "$@"
