#!/usr/bin/env bash
# Benchmark (not a test): the `files` stage of provisioner against Debian's Ignition 2.14, whole
# process, on configs with 1,000 and 10,000 files (make-files-configs.py). For each size and each
# binary, fetch-offline runs once to make the config cache (not timed); then the files stage runs
# once untimed (it must succeed and write every path of the config, or that binary gets no figures)
# and RUNS times timed, the two binaries alternating, each run on a fresh copy of the base root
# (copied before the clock starts). Prints the median wall time and median peak RSS of the stage
# process (as GNU time reports it), and our/Ignition's ratios against the bar.
#
# The base root holds only /etc/selinux/config (SELINUX=disabled, SELINUXTYPE=targeted): Ignition
# 2.14 reads SELINUXTYPE from it and runs `setfiles` on every path it wrote, failing without them,
# so a stand-in `setfiles` that reads its input and exits 0 is first on PATH. Ignition is thereby
# spared a real relabel; we relabel only where SELinux is enabled, so we do not run it at all.
# The roots are on tmpfs (/dev/shm) unless TMPDIR says otherwise: on this VM's ext4 a file creation
# costs ~0.3 ms of kernel time, and that noise would drown both programs (TMPDIR=/var/tmp to see it).
# Exits 1 when a files stage fails (it is then named with its last line of output, and no ratio is given).
# Usage: tests/bench/files-stage.sh [PROVISIONER_BINARY] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${2:-5}
bin=${1:-}
if [ -z "$bin" ]; then
  dotnet publish src/Provisioner.Cli -c Release -r linux-x64 -o out --nologo -v quiet
  bin=out/provisioner
fi
[ -x "$bin" ] || { echo "no executable at $bin" >&2; exit 2; }
bin=$(realpath "$bin")
ignition=/usr/lib/dracut/modules.d/30ignition/ignition
[ -x "$ignition" ] && [ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq ignition time >/dev/null; }

[ -n "${TMPDIR:-}" ] || [ "$(stat -f -c %T /dev/shm 2>/dev/null)" != tmpfs ] || export TMPDIR=/dev/shm
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$work/base/etc/selinux" "$work/bin"
printf 'SELINUX=disabled\nSELINUXTYPE=targeted\n' >"$work/base/etc/selinux/config"
printf '#!/bin/sh\nexec cat >/dev/null\n' >"$work/bin/setfiles"
chmod +x "$work/bin/setfiles"
export PATH="$work/bin:$PATH"

sizes=(1000 10000)
python3 tests/bench/make-files-configs.py "$work" "${sizes[@]}"

echo "ours:     $bin"
echo "ignition: $ignition ($("$ignition" -version 2>&1 | head -1))"
echo "runs:     $runs per binary and size, alternating; medians; roots in $work ($(stat -f -c %T "$work"))"
echo

# fetch-offline NAME BINARY SIZE: makes $work/SIZE-NAME/{cache.json,state}; on failure says why.
fetch_offline() {
  local dir="$work/$3-$1"
  mkdir -p "$dir"
  if IGNITION_CONFIG_FILE="$work/files-$3.ign" "$2" -platform file -stage fetch-offline \
      -config-cache "$dir/cache.json" -state-file "$dir/state" -neednet "$dir/neednet" \
      -log-to-stdout >"$dir/fetch-offline.log" 2>&1 && [ -s "$dir/cache.json" ]; then
    return 0
  fi
  echo "$1: fetch-offline failed on files-$3.ign (exit status or no cache); last lines of its output:"
  tail -n 3 "$dir/fetch-offline.log" | sed 's/^/  | /'
  return 1
}

# wall ms and peak MiB are what the bar is about; CPU ms (user + system) and the spread of wall
# times (slowest / fastest run) are there to tell a busy machine from a real difference.
printf '%-6s %-9s %10s %10s %10s %9s\n' files binary "median ms" "peak MiB" "CPU ms" spread
status=0  # 1 when a stage failed and its figures are missing
for size in "${sizes[@]}"; do
  fetch_offline ignition "$ignition" "$size" || { echo "Ignition itself failed: no figures"; exit 1; }
  if ! fetch_offline ours "$bin" "$size"; then
    echo "ours: timing our files stage on Ignition's cache and state instead"
    cp "$work/$size-ignition/cache.json" "$work/$size-ignition/state" "$work/$size-ours/"
  fi
  python3 - "$work" "$size" "$runs" "$ignition" "$bin" <<'PY' || status=1
import base64, gzip, json, os, shutil, signal, stat, statistics, sys, time, urllib.parse

work, size, runs, ignition, ours = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
TIMEOUT = 300  # seconds a stage may take before it is killed (and reported as exiting -9)
TIME = "/usr/bin/time"  # GNU time: reports the stage's own peak RSS (%M, KiB)
config = json.load(open(f"{work}/files-{size}.ign"))["storage"]

def expected_size(contents):
    head, _, body = contents["source"].partition(",")
    data = base64.b64decode(body) if head.endswith(";base64") else urllib.parse.unquote_to_bytes(body)
    return len(gzip.decompress(data) if contents.get("compression") == "gzip" else data)

def check(root):
    """Why the root is not what the config asks for, or None."""
    for kind, entries, test in (("file", config["files"], stat.S_ISREG), ("directory", config["directories"], stat.S_ISDIR),
                                ("link", config["links"], stat.S_ISLNK)):
        for entry in entries:
            try:
                st = os.lstat(root + entry["path"])
            except FileNotFoundError:
                return f"{kind} {entry['path']} was not written"
            if not test(st.st_mode):
                return f"{entry['path']} is not a {kind}"
            if kind == "file" and st.st_size != expected_size(entry["contents"]):
                return f"file {entry['path']} has {st.st_size} bytes, expected {expected_size(entry['contents'])}"
    return None

def run(name, binary):
    """One files stage on a fresh root; returns (wall ms, peak KiB, CPU ms, exit status). Only the process is timed."""
    d = f"{work}/{size}-{name}"
    root = f"{d}/root"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(f"{work}/base", root, symlinks=True)
    if not os.path.exists(f"{d}/state.orig"):
        shutil.copy(f"{d}/state", f"{d}/state.orig")
    shutil.copy(f"{d}/state.orig", f"{d}/state")
    os.sync()
    argv = [binary, "-platform", "file", "-stage", "files", "-root", root, "-config-cache", f"{d}/cache.json",
            "-state-file", f"{d}/state", "-log-to-stdout"]
    # Peak RSS through GNU time: a child spawned by this Python process inherits its ~14 MB high-water
    # mark (Linux carries it across exec), which would hide any stage that needs less.
    argv = [TIME, "-f", "%M", "-o", f"{d}/peak"] + argv
    log = os.open(f"{d}/files.log", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    actions = [(os.POSIX_SPAWN_DUP2, log, 1), (os.POSIX_SPAWN_DUP2, log, 2)]
    start = time.perf_counter()
    pid = os.posix_spawn(TIME, argv, os.environ, file_actions=actions, setsid=True)
    signal.signal(signal.SIGALRM, lambda *_: os.killpg(pid, signal.SIGKILL))  # GNU time and the stage
    signal.alarm(TIMEOUT)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    signal.alarm(0)
    os.close(log)
    cpu = (usage.ru_utime + usage.ru_stime) * 1000
    code = os.waitstatus_to_exitcode(status)
    peak = open(f"{d}/peak").read().split()
    return elapsed * 1000, int(peak[-1]) if code == 0 else 0, cpu, code

def failure(name, binary):
    """Runs the stage once, untimed; why its figures would be bogus, or None."""
    *_, code = run(name, binary)
    if code != 0:
        lines = [l for l in open(f"{work}/{size}-{name}/files.log", errors="replace").read().splitlines() if l.strip()]
        return f"files stage exited {code}: " + (lines[-1] if lines else "(no output)")
    return check(f"{work}/{size}-{name}/root")

binaries = {"ignition": ignition, "ours": ours}
failed = {name: failure(name, binary) for name, binary in binaries.items()}
figures = {name: [] for name in binaries if failed[name] is None}
for _ in range(runs):
    for name in figures:
        ms, kib, cpu, code = run(name, binaries[name])
        if code != 0:
            failed[name] = f"files stage exited {code} in a timed run"
        figures[name].append((ms, kib / 1024, cpu))

medians = {}
for name in binaries:
    if failed[name]:
        print(f"{size:<6} {name:<9} FAILED: {failed[name]}")
    else:
        medians[name] = [statistics.median(column) for column in zip(*figures[name])]
        spread = max(m for m, *_ in figures[name]) / min(m for m, *_ in figures[name])
        print(f"{size:<6} {name:<9} {medians[name][0]:>10.1f} {medians[name][1]:>10.1f} {medians[name][2]:>10.1f} {spread:>9.2f}")
if len(medians) == 2:
    time_ratio = medians["ours"][0] / medians["ignition"][0]
    memory_ratio = medians["ours"][1] / medians["ignition"][1]
    met = "met" if time_ratio <= 0.7 and memory_ratio <= 0.5 else "not met"
    print(f"{size:<6} ours/ignition: time {time_ratio:.2f}x, memory {memory_ratio:.2f}x; bar: time <= 0.7x, memory <= 0.5x: {met}")
else:
    print(f"{size:<6} ours/ignition: no ratio; bar: time <= 0.7x, memory <= 0.5x: not measured")
    sys.exit(1)
PY
done
exit $status
