# RAID1 with three members of which the last is a hot spare: two raid devices, one spare device.
setup() {
  local d
  for d in /dev/vda /dev/vdb /dev/vdc; do sgdisk -n 1:0:+32M "$d" >/dev/null; done
}
check() {
  local detail
  detail=$(mdadm --detail /dev/md/md-spare)
  grep -q 'Raid Level : raid1' <<<"$detail" || fail "not raid1: $detail"
  grep -q 'Raid Devices : 2' <<<"$detail" || fail "not 2 raid devices: $detail"
  grep -q 'Spare Devices : 1' <<<"$detail" || fail "not 1 spare: $detail"
  grep -qE 'spare +/dev/vdc1' <<<"$detail" || fail "vdc1 is not the spare: $detail"
  grep -q 'Version : 1.2' <<<"$detail" || fail "metadata not 1.2: $detail"
  grep -q '"--raid-devices" "2" "--spare-devices" "1" "--metadata=1.2" "/dev/vda1" "/dev/vdb1" "/dev/vdc1"' "$LOG" \
    || fail "mdadm arguments"
}
