#!/bin/bash
# Stage 2 of the guest: PID 1 after switch_root, running from the host's own userland (a tmpfs
# overlay on the read-only 9p share of the host's "/"). Prepares a machine that looks enough like
# a booted one for disk tests (modules, /dev with udev's by-* links), runs the command that
# run-in-guest.sh put in the control share, reports its output and exit status there, and powers off.
#
# Control share (9p tag "harness", mounted at /run/harness/control), written by the host:
#   argv     the command and its arguments, NUL-separated
#   cwd      the host's working directory when run-in-guest.sh was called
#   env      extra NAME=VALUE pairs, NUL-separated
#   modules  extra kernel modules to load, one a line
#   results  the host path of the results directory (9p tag "results", mounted at that same path)
# and written by the guest:
#   started  the guest's uptime when the command starts
#   output   the command's stdout and stderr
#   status   the command's exit status
set -uo pipefail
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root TERM=dumb LANG=C.UTF-8

control=/run/harness/control
# Exit statuses of our own: 125 = the harness failed in the guest.
harness_failed=125

log() { echo "harness: $*"; }

power_off() {
  sync
  # sysrq 'o' powers off at once, without needing an init system to do it.
  echo o >/proc/sysrq-trigger 2>/dev/null
  sleep 5
  # Should that not work, a reboot also ends QEMU (it runs with -no-reboot).
  echo b >/proc/sysrq-trigger 2>/dev/null
  sleep 60
}

finish() {
  local status=$1
  echo "$status" >"$control/status" 2>/dev/null
  # The same on the console, for when the share could not be written.
  echo "HARNESS-EXIT-STATUS: $status"
  power_off
}

fail() {
  log "$*"
  finish "$harness_failed"
}

mount_basics() {
  mkdir -p /dev/pts /dev/shm
  mount -t devpts -o gid=5,mode=620,ptmxmode=666 devpts /dev/pts
  mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /dev/shm
  # /tmp stays the overlay's: writable (in guest memory) and still showing the host's /tmp, so a
  # test can hand the guest files it staged in a temporary directory.
  mkdir -p /run/lock /run/cryptsetup /run/mdadm
  ln -sf /proc/self/fd /dev/fd 2>/dev/null
  hostname harness-guest 2>/dev/null
}

mount_control() {
  mkdir -p "$control"
  # cache=none (the default): what the guest writes must reach the host file at once.
  mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 harness "$control" ||
    fail "cannot mount the control share (9p tag harness)"
}

load_modules() {
  # Block devices and file systems the disk tests use, loaded up front so that a missing module
  # shows here rather than mid-test. One modprobe call: each start of kmod over 9p costs ~0.5 s
  # under TCG.
  local modules=(virtio_blk loop ext4 xfs btrfs vfat nls_cp437 nls_iso8859-1 nls_utf8
    md_mod raid0 raid1 raid10 raid456 dm_mod dm_crypt algif_skcipher algif_hash)
  local extra=()
  if [ -s "$control/modules" ]; then mapfile -t extra <"$control/modules"; fi
  modprobe -a "${modules[@]}" "${extra[@]}" ||
    log "note: some modules could not be loaded (the command may still work without them)"
}

start_udev() {
  # The host's udevd and rules: /dev/disk/by-id, by-partlabel, by-uuid, md and dm links.
  /lib/systemd/systemd-udevd --daemon --resolve-names=never ||
    { log "note: systemd-udevd did not start"; return; }
  # Only block devices are replayed: the rest of this PC (IDE, floppy, PS/2, the CPU's SVM)
  # would make udev load a dozen useless modules, ~15 s under TCG. Devices that appear later
  # (partitions, md, dm) raise their own events whatever their subsystem.
  udevadm trigger --type=devices --action=add --subsystem-match=block
  udevadm settle --timeout=60 || log "note: udevadm settle timed out"
}

mount_results() {
  local results
  results=$(cat "$control/results")
  mkdir -p "$results" || fail "cannot create the results mount point $results"
  mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 results "$results" ||
    fail "cannot mount the results share (9p tag results) at $results"
  export HARNESS_RESULTS=$results
}

run_command() {
  local argv=() env=() cwd
  mapfile -d '' -t argv <"$control/argv"
  [ "${#argv[@]}" -gt 0 ] || fail "no command in the control share"
  if [ -s "$control/env" ]; then mapfile -d '' -t env <"$control/env"; fi
  cwd=$(cat "$control/cwd")
  cd "$cwd" 2>/dev/null || cd /
  cut -d' ' -f1 /proc/uptime >"$control/started"
  log "running ${argv[*]}"
  # The command's output goes to the share (the host's copy) and to the serial console (the
  # harness's live output). Its stdin is empty: nothing will ever type into it.
  env HARNESS_GUEST=1 "${env[@]}" "${argv[@]}" </dev/null 2>&1 | tee "$control/output"
  return "${PIPESTATUS[0]}"
}

mount_basics
mount_control
load_modules
start_udev
mount_results
run_command
finish $?
