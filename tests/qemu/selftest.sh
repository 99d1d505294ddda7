#!/usr/bin/env bash
# Self-test of the QEMU guest harness: boots ONE guest with two blank sparse disks and runs
# selftest-guest.sh in it (GPT partitions, udev links, ext4, xfs, vfat, btrfs, swap, md RAID1,
# LUKS2), then reads the images back on the host with tools that work on image files
# (sgdisk, partx, blkid, debugfs, mdadm --examine, cryptsetup luksDump).
# Prints one line per check and ends with "N passed, M failed"; exits non-zero if any failed.
# Installs what it needs through install-deps.sh (as root).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
passed=0
failed=0

pass() { echo "ok   - $1"; passed=$((passed + 1)); }
fail() { echo "FAIL - $1${2:+: $2}"; failed=$((failed + 1)); }

totals() {
  echo
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

# check NAME COMMAND...: one host-side check; the command's output is shown only on failure.
check() {
  local name=$1 output
  shift
  if output=$("$@" 2>&1); then
    pass "$name"
  else
    fail "$name" "$(echo "$output" | tail -n 5 | tr '\n' ' ')"
  fi
}

work=
cleanup() { [ -z "$work" ] || rm -rf "$work"; }
trap cleanup EXIT

# --- reading the images on the host ---------------------------------------------------------

# partition IMAGE N -> "START_BYTE SIZE_BYTES" of partition N, from the GPT (no kernel needed).
partition() {
  local start sectors
  read -r start sectors < <(partx -g -o START,SECTORS -n "$2" "$1")
  echo "$((start * 512)) $((sectors * 512))"
}

# probe IMAGE N TAG: the blkid tag of what is on partition N, probed in the image file.
probe() {
  local start size
  read -r start size < <(partition "$1" "$2")
  blkid -p -O "$start" -S "$size" -o value -s "$3" "$1"
}

# extract IMAGE N FILE: partition N as a file of its own (sparse), for the tools that want one.
extract() {
  local start size
  read -r start size < <(partition "$1" "$2")
  dd if="$1" of="$3" bs=1M iflag=skip_bytes,count_bytes skip="$start" count="$size" \
    conv=sparse status=none
}

expect_equal() {
  [ "$1" = "$2" ] || { echo "expected '$2', got '$1'"; return 1; }
}

gpt_names() {
  local names
  sgdisk -v "$1" | grep -q 'No problems found' || { sgdisk -v "$1"; return 1; }
  names=$(partx -g -o NAME "$1" | tr '\n' ' ')
  expect_equal "$names" "$2"
}

fs_label() { expect_equal "$(probe "$1" "$2" TYPE) $(probe "$1" "$2" LABEL)" "$3"; }

ext4_file() {
  local start size
  read -r start size < <(partition "$1" "$2")
  expect_equal "$(debugfs -R 'cat /hello.txt' "$1?offset=$start" 2>/dev/null)" "hello from the guest, ext4"
}

# Both RAID1 members carry the same array and, after their data offset, the same ext4 and file.
raid_member() {
  local part=$work/raid-$2 offset
  extract "$1" "$2" "$part"
  mdadm --examine "$part" | grep -E 'Array UUID|Raid Level|Raid Devices|Data Offset'
  mdadm --examine "$part" | grep -q 'Raid Level : raid1' || return 1
  offset=$(mdadm --examine "$part" | sed -nE 's/.*Data Offset : ([0-9]+) sectors.*/\1/p')
  expect_equal "$(debugfs -R 'cat /hello.txt' "$part?offset=$((offset * 512))" 2>/dev/null)" \
    "hello from the guest, raid"
}

same_raid_uuid() {
  local a b
  a=$(probe "$work/a.img" 3 UUID) b=$(probe "$work/b.img" 4 UUID)
  [ -n "$a" ] && expect_equal "$b" "$a"
}

luks_header() {
  local part=$work/luks
  extract "$1" "$2" "$part"
  cryptsetup luksDump "$part" | grep -E '^Version|PBKDF|Cipher:' | sort -u
  cryptsetup luksDump "$part" | grep -q 'PBKDF:.*pbkdf2' &&
    cryptsetup open --test-passphrase --key-file "$results/luks.key" "$part"
}

# --- the run -----------------------------------------------------------------------------------

main() {
  echo "== QEMU guest harness self-test"
  if ! bash "$here/install-deps.sh" >/dev/null; then
    fail "install-deps" "tests/qemu/install-deps.sh failed (not root, or no Debian mirror?)"
    totals
    return
  fi
  pass "install-deps"

  work=$(mktemp -d "${TMPDIR:-/tmp}/qemu-selftest.XXXXXX")
  results=$work/results
  mkdir -p "$results"
  truncate -s 1G "$work/a.img"
  truncate -s 512M "$work/b.img"

  # The harness's own output goes to a file and is shown only when something went wrong:
  # the per-check lines below are what a reader wants.
  local started ended status=0 harness_log=$work/harness.log
  started=$(date +%s)
  "$here/run-in-guest.sh" --disk "$work/a.img:harness-a" --disk "$work/b.img:harness-b" \
    --results "$results" --timeout "${SELFTEST_TIMEOUT:-600}" \
    -- bash "$here/selftest-guest.sh" >"$harness_log" 2>&1 || status=$?
  ended=$(date +%s)
  local summary
  summary=$(grep -a '^run-in-guest: ' "$harness_log" | tail -n 1)
  echo "   ${summary#run-in-guest: }; whole guest run $((ended - started))s"

  case $status in
    124 | 125)
      fail "guest-run" "the harness failed (status $status); its output:"
      tr -d '\r' <"$harness_log" | tail -n 40 | sed 's/^/     | /'
      ;;
    *) pass "guest-run" ;;
  esac

  # The guest's own checks, one line each.
  local expected=11 line count=0
  if [ -s "$results/checks" ]; then
    while read -r line; do
      count=$((count + 1))
      case $line in
        "pass "*) pass "guest: ${line#pass }" ;;
        *) fail "guest: ${line#fail }" ;;
      esac
    done <"$results/checks"
  fi
  [ "$count" -eq "$expected" ] || fail "guest-check-count" "the guest reported $count of $expected checks"
  if [ "$failed" -gt 0 ] && [ -d "$results/logs" ]; then
    echo "   guest logs of failed checks:"
    grep -l . "$results"/logs/* 2>/dev/null | while read -r f; do
      grep -q "^fail $(basename "$f")" "$results/checks" || continue
      sed "s|^|     $(basename "$f") | |" "$f" | tail -n 15
    done
  fi

  # The images, read back on the host.
  local a=$work/a.img b=$work/b.img
  check "host: gpt disk a" gpt_names "$a" "h-ext4 h-xfs h-raid-a h-luks "
  check "host: gpt disk b" gpt_names "$b" "h-vfat h-btrfs h-swap h-raid-b "
  check "host: ext4 label" fs_label "$a" 1 "ext4 h-ext4"
  check "host: ext4 file" ext4_file "$a" 1
  check "host: xfs label" fs_label "$a" 2 "xfs h-xfs"
  check "host: vfat label" fs_label "$b" 1 "vfat H-VFAT"
  check "host: btrfs label" fs_label "$b" 2 "btrfs h-btrfs"
  check "host: swap label" fs_label "$b" 3 "swap h-swap"
  check "host: raid1 member a" raid_member "$a" 3
  check "host: raid1 member b" raid_member "$b" 4
  check "host: raid1 same array" same_raid_uuid
  check "host: luks2 header and key" luks_header "$a" 4

  totals
}

main "$@"
