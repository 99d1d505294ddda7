#!/usr/bin/env bash
# Runs in the QEMU guest (see run.sh): every scenario under scenarios/, each on freshly reset disks.
# Writes one line per scenario, and the totals, to RESULTS/report; a failing scenario's log goes to
# RESULTS/NAME.log and its last lines into the report.
# Usage: guest.sh PROVISIONER_BINARY RESULTS_DIR [SCENARIO_NAME_GLOB]
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export BIN=$1 RESULTS=$2
filter=${3:-*}
report=$RESULTS/report
: >"$report"
passed=0
failed=0

# Debian's udev rules would assemble any RAID member they see; scenarios create arrays themselves.
mkdir -p /etc/mdadm && echo "AUTO -all" >/etc/mdadm/mdadm.conf

for dir in "$here"/scenarios/$filter/; do
  name=$(basename "$dir")
  log=$RESULTS/$name.log
  started=$(date +%s)
  # Each scenario in a subshell of its own: its functions and variables do not leak into the next.
  (
    set -euo pipefail
    source "$here/lib.sh"
    reset_machine
    export SCENARIO=$dir LOG=$log
    source "$dir/scenario.sh"
    run_scenario
  ) >"$log" 2>&1
  status=$?
  took=$(( $(date +%s) - started ))
  if [ "$status" -eq 0 ]; then
    echo "ok      $name (${took}s)" | tee -a "$report"
    passed=$((passed + 1))
  else
    echo "FAILED  $name (${took}s): $(grep -a '^FAIL: ' "$log" | tail -n 1 | cut -c7-)" | tee -a "$report"
    tail -n 15 "$log" | sed 's/^/        | /' | tee -a "$report"
    failed=$((failed + 1))
  fi
done
source "$here/lib.sh" && reset_machine >/dev/null 2>&1
echo "$passed passed, $failed failed" | tee -a "$report"
