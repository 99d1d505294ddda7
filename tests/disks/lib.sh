# Helpers for disk scenarios (sourced in the guest by guest.sh). A scenario.sh defines `setup` (optional)
# and `check`, and sets STAGES (default: disks) and EXPECT_FAILURE (a text the failing stage's
# output must contain; the scenario then expects the stages to fail). See README.md.

DISKS=(/dev/vda /dev/vdb /dev/vdc)
SYSROOT=/tmp/sysroot
STATE=/run/provisioner-test

fail() { echo "FAIL: $*"; exit 1; }

# Tears down everything a scenario may have left: mounts, swap, LUKS mappings, md arrays, and every
# signature and partition table on the three disks (each partition is wiped first, so a later
# scenario's new partition at the same offset finds no old filesystem).
reset_machine() {
  umount -R "$SYSROOT" 2>/dev/null || true
  swapoff -a 2>/dev/null || true
  local dev
  for dev in /dev/mapper/*; do
    [ "$dev" = /dev/mapper/control ] || [ ! -e "$dev" ] || cryptsetup close "$dev" 2>/dev/null || dmsetup remove -f "$dev" 2>/dev/null || true
  done
  for dev in /dev/md/* /dev/md[0-9]*; do
    [ -b "$dev" ] && mdadm --stop "$dev" >/dev/null 2>&1 || true
  done
  for dev in "${DISKS[@]}"; do
    local part
    for part in "$dev"[0-9]*; do
      [ -b "$part" ] && wipefs -afq "$part" >/dev/null 2>&1 || true
    done
    sgdisk --zap-all "$dev" >/dev/null 2>&1 || true
    wipefs -afq "$dev" >/dev/null 2>&1 || true
    dd if=/dev/zero of="$dev" bs=1M count=8 status=none conv=fsync
  done
  udevadm settle
  rm -rf "$SYSROOT" "$STATE"
  mkdir -p "$SYSROOT" "$STATE"
}

# stage NAME: one stage of our binary on the scenario's config, as the initramfs runs it.
stage() {
  echo "--- provisioner -stage $1"
  IGNITION_CONFIG_FILE=$SCENARIO/config.json "$BIN" -platform file -stage "$1" -root "$SYSROOT" \
    -config-cache "$STATE/cache.json" -state-file "$STATE/state" -neednet "$STATE/neednet" -log-to-stdout
}

# provision: fetch-offline, then the scenario's STAGES in order; stops at the first failure.
provision() {
  local s
  stage fetch-offline || return 1
  for s in ${STAGES:-disks}; do
    stage "$s" || return 1
  done
}

run_scenario() {
  if declare -F setup >/dev/null; then
    echo "--- setup"
    setup
    udevadm settle
  fi
  local output status=0
  output=$(provision 2>&1) || status=$?
  echo "$output"
  if [ -n "${EXPECT_FAILURE:-}" ]; then
    [ "$status" -ne 0 ] || fail "the stages succeeded; expected a failure saying: $EXPECT_FAILURE"
    grep -qF -- "$EXPECT_FAILURE" <<<"$output" || fail "the stages failed, but without: $EXPECT_FAILURE"
  else
    [ "$status" -eq 0 ] || fail "a stage failed: $(grep -a 'CRITICAL\|failed' <<<"$output" | tail -n 1)"
  fi
  udevadm settle
  echo "--- check"
  check
}

# --- assertions and facts -------------------------------------------------------------------------

expect() { [ "$1" = "$2" ] || fail "${3:-value}: expected '$2', got '$1'"; }

# tag DEVICE TAG: what blkid's low-level probe says (TYPE, LABEL, UUID, PARTLABEL...); empty if nothing.
tag() { blkid -p -o value -s "$2" "$1" 2>/dev/null || true; }

# part DISK N FIELD: a field of partition N from sgdisk -i (start, end, size in sectors, name, guid, type).
part() {
  local info
  info=$(sgdisk -i "$2" "$1")
  case $3 in
    start) sed -nE 's/^First sector: ([0-9]+).*/\1/p' <<<"$info" ;;
    end) sed -nE 's/^Last sector: ([0-9]+).*/\1/p' <<<"$info" ;;
    sectors) echo $(( $(part "$1" "$2" end) - $(part "$1" "$2" start) + 1 )) ;;
    name) sed -nE "s/^Partition name: '(.*)'$/\1/p" <<<"$info" ;;
    guid) sed -nE 's/^Partition unique GUID: (.*)$/\1/p' <<<"$info" ;;
    type) sed -nE 's/^Partition GUID code: ([0-9A-F-]+).*/\1/p' <<<"$info" ;;
  esac
}

# partitions DISK: the partition numbers in the table, space-separated.
partitions() { sgdisk -p "$1" | awk '/^ +[0-9]+ /{print $1}' | tr '\n' ' ' | sed 's/ $//'; }

# canary_write DEVICE FSTYPE: makes a filesystem there with a file whose content the check verifies.
canary_write() {
  local mnt
  mnt=$(mktemp -d)
  mount -t "$2" "$1" "$mnt"
  echo "canary $1" >"$mnt/canary"
  umount "$mnt"
}

# canary_read DEVICE: the canary's content, or fails.
canary_read() {
  local mnt content
  mnt=$(mktemp -d)
  mount -o ro "$1" "$mnt" || fail "cannot mount $1 to read its canary"
  content=$(cat "$mnt/canary" 2>/dev/null || echo "(no canary)")
  umount "$mnt"
  echo "$content"
}

# checksum DEVICE: md5 of the whole device, to prove a refused change left it byte for byte.
checksum() { md5sum "$1" | cut -d" " -f1; }

# --- LUKS -------------------------------------------------------------------------------------------

# The options LUKS scenarios give luksFormat (in the config's "options" and in setup): PBKDF2 with
# the fewest iterations cryptsetup allows. The default, argon2id benchmarked to 2 s and up to 1 GiB,
# would cost many seconds per format and open under TCG and may not fit in the guest's memory.
FAST_PBKDF=(--pbkdf pbkdf2 --pbkdf-force-iterations 1000)

# luks_format DEVICE KEYFILE [CRYPTSETUP_ARGS...]: a LUKS2 volume (or --type luks1) made as a scenario's "before".
luks_format() {
  local dev=$1 key=$2
  shift 2
  cryptsetup luksFormat --batch-mode --type luks2 "${FAST_PBKDF[@]}" --key-file "$key" "$@" "$dev"
}

# key_opens DEVICE KEYFILE: whether the key file unlocks the volume (nothing is mapped).
key_opens() { cryptsetup open --test-passphrase --key-file "$2" "$1"; }

# table_checksum DISK: md5 of the areas a GPT lives in (protective MBR, primary header and entries: the
# first 34 sectors; backup entries and header: the last 33), to prove a refused change left the table
# byte for byte without reading the whole disk (slow under TCG).
table_checksum() {
  local sectors
  sectors=$(blockdev --getsz "$1")
  { dd if="$1" bs=512 count=34 status=none; dd if="$1" bs=512 skip=$((sectors - 33)) count=33 status=none; } | md5sum | cut -d" " -f1
}
