#!/bin/bash
# Prints, for each first-boot stage unit that ran (ours or Ignition's), when it started and finished
# (monotonic microseconds), then the harness's status line, and powers off: stopping the mount unit
# runs the umount stage on the way down.
for stage in fetch-offline fetch kargs disks mount files; do
  for unit in provisioner-$stage.service ignition-$stage.service; do
    [ "$(systemctl show -p LoadState --value "$unit")" = loaded ] || continue
    # From the job's start (ExecStartPre included) to the unit becoming active (its stage done).
    start=$(systemctl show -p InactiveExitTimestampMonotonic --value "$unit")
    end=$(systemctl show -p ActiveEnterTimestampMonotonic --value "$unit")
    result=$(systemctl show -p Result --value "$unit")
    echo "BOOTTEST-UNIT $unit start=$start end=$end result=$result"
  done
done
# boottest.journal on the kernel command line: the boot's whole journal too (kernel, systemd, the stages),
# with monotonic times, to see where the time goes.
# (bash only: the initramfs has no grep.)
if [[ " $(</proc/cmdline) " == *" boottest.journal "* ]]; then
    journalctl -b --no-pager -o short-monotonic 2>/dev/null |
        while IFS= read -r line; do echo "BOOTTEST-JOURNAL: $line"; done
fi
echo "HARNESS-EXIT-STATUS: 0"
systemctl --no-block poweroff
