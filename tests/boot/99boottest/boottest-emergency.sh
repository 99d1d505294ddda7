#!/bin/bash
# The boot stopped at emergency.target: say so on the console with the first-boot units' last journal
# lines (Ignition logs only there), and power off, so the host can look at the disks.
{
    echo "BOOTTEST-EMERGENCY: the boot stopped at emergency.target"
    journalctl -b --no-pager -o cat -u 'ignition-*' -u 'provisioner-*' 2>/dev/null | tail -n 30 | sed 's/^/BOOTTEST-JOURNAL: /'
} >/dev/console
systemctl --no-block poweroff || poweroff -f
