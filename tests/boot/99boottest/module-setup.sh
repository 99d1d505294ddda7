#!/bin/bash
# Test-only dracut module for tests/boot: once the first-boot stages are done, report them on the console
# (their start and end, from the journal) and power off, so the host can inspect the disks. Never ship it.
check() {
    return 255
}

depends() {
    echo systemd
}

install() {
    inst_multiple journalctl systemctl
    inst_script "$moddir/setfiles-stand-in" /usr/sbin/setfiles
    inst_script "$moddir/boottest-report.sh" /usr/bin/boottest-report
    inst_simple "$moddir/boottest-report.service" "$systemdsystemunitdir/boottest-report.service"
    # A stage that fails isolates emergency.target: report it and power off instead of waiting at a shell.
    inst_script "$moddir/boottest-emergency.sh" /usr/bin/boottest-emergency
    inst_simple "$moddir/emergency-poweroff.conf" "$systemdsystemunitdir/emergency.service.d/boottest.conf"
    mkdir -p "$initdir$systemdsystemunitdir/initrd.target.wants"
    ln_r "$systemdsystemunitdir/boottest-report.service" "$systemdsystemunitdir/initrd.target.wants/boottest-report.service"
}
