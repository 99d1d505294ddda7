#!/bin/bash
# Prints, for each first-boot stage unit that ran (ours or Ignition's), when it started and finished
# (monotonic microseconds), then the harness's status line, and powers off: stopping the mount unit
# runs the umount stage on the way down.
for stage in fetch-offline fetch kargs disks mount files; do
  for unit in provisioner-$stage.service ignition-$stage.service; do
    [ "$(systemctl show -p LoadState --value "$unit")" = loaded ] || continue
    start=$(systemctl show -p ExecMainStartTimestampMonotonic --value "$unit")
    end=$(systemctl show -p ExecMainExitTimestampMonotonic --value "$unit")
    result=$(systemctl show -p Result --value "$unit")
    echo "BOOTTEST-UNIT $unit start=$start end=$end result=$result"
  done
done
echo "HARNESS-EXIT-STATUS: 0"
systemctl --no-block poweroff
