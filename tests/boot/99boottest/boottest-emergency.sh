#!/bin/bash
# The boot stopped at emergency.target: say so on the console (the failing stage has printed its own
# line there already) and power off, so the host can look at the disks.
echo "BOOTTEST-EMERGENCY: the boot stopped at emergency.target" >/dev/console
systemctl --no-block poweroff || poweroff -f
