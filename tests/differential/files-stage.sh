#!/usr/bin/env bash
# Differential test of the `files` stage: our binary against Debian's Ignition 2.14, tree for tree.
#
# usage: files-stage.sh OURS [REFERENCE]
#   OURS       our binary (out/provisioner), or any binary with the `ignition` command line
#   REFERENCE  default /usr/lib/dracut/modules.d/30ignition/ignition (apt-get install -y ignition)
# Environment: CASES=glob (only matching case names, e.g. CASES='users-*'), KEEP=1 (keep the
# work directory, with the runs of failed and known cases, and print its path),
# SAVE_DUMPS=DIR (write the dumps of successful runs to DIR/NAME.ours and DIR/NAME.ref),
# CASE_TIMEOUT=seconds per stage (default 60).
#
# For every files-stage/cases/NAME.ign and each binary: a fresh copy (cp -a) of the base root
# built by files-stage/make-base-root.sh, a fresh run directory, then
#   IGNITION_CONFIG_FILE=NAME.ign BIN -platform file -stage fetch-offline -config-cache RUN/cache.json
#       -state-file RUN/state -neednet RUN/neednet -log-to-stdout
#   BIN -platform file -stage files -root ROOT -config-cache RUN/cache.json -state-file RUN/state -log-to-stdout
# and files-stage/dump-tree.py ROOT. A case passes when both binaries fail the same stage or both
# succeed, and, when both succeed, the two dumps are equal. Each case is also checked against its
# name: a case named fail-* must make REFERENCE fail the files stage, invalid-* must make it fail
# fetch-offline (the config is rejected), any other must make it succeed (so a case that stopped
# proving anything is reported, not passed).
# Cases listed in files-stage/known-differences.txt (today's Ignition differs from 2.14 on purpose
# there) are run, but only reported with their reason ("known NAME: reason"), counted neither as
# passed nor failed.
#
# Output: "ok NAME" or "FAIL NAME: reason" (+ the first lines of the diff) per case, and as the
# last line "N passed, M failed". Exit status 0 when M is 0, 1 otherwise, 2 on usage errors.
#
# It runs as root, inside a private mount namespace (unshare -m) where /run/systemd is a tmpfs
# with a stand-in for systemd's private D-Bus socket (files-stage/fake-systemd.py; Ignition asks
# it for the systemd version when a config enables an instance unit), and with the no-op
# files-stage/stand-ins/setfiles first on PATH (see make-base-root.sh for why). The host's own
# /run/systemd is never touched.
set -uo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dir=$here/files-stage
usage() { echo "usage: $0 OURS [REFERENCE]" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] || usage
ours=$(realpath -e "$1" 2>/dev/null) || { echo "error: $1 not found" >&2; usage; }
ref=$(realpath -e "${2:-/usr/lib/dracut/modules.d/30ignition/ignition}" 2>/dev/null) ||
    { echo "error: ${2:-/usr/lib/dracut/modules.d/30ignition/ignition} not found (apt-get install -y ignition)" >&2; exit 2; }
[ -x "$ours" ] && [ -x "$ref" ] || { echo "error: both binaries must be executable" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "error: must run as root (useradd --root, chown, mount namespace)" >&2; exit 2; }
command -v unshare >/dev/null || { echo "error: unshare (util-linux) is needed" >&2; exit 2; }
# the system interpreter: a version manager's shim (pyenv) costs a second per start
if [ -x /usr/bin/python3 ]; then py=/usr/bin/python3; else py=$(command -v python3) ||
    { echo "error: python3 is needed for the tree dumper" >&2; exit 2; }; fi

# --- enter a private mount namespace once; everything below runs inside it -----------------
if [ -z "${FILES_STAGE_IN_NAMESPACE:-}" ]; then
    FILES_STAGE_IN_NAMESPACE=1 exec unshare --mount --propagation private -- "$BASH" "$0" "$ours" "$ref"
fi

work=$(mktemp -d /tmp/files-stage.XXXXXX)
# Ignition writes ~/.ssh/authorized_keys.d/ignition with the user's own uid, so that user must be
# able to walk down to the root, as everyone can to /sysroot at first boot (mktemp makes 0700)
chmod 0755 "$work"
fake_pid=
cleanup() {
    [ -n "$fake_pid" ] && kill "$fake_pid" 2>/dev/null && wait "$fake_pid" 2>/dev/null
    if [ -n "${KEEP:-}" ]; then echo "work directory kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p /run/systemd
mount -t tmpfs -o mode=0755 files-stage-run-systemd /run/systemd ||
    { echo "error: cannot mount a tmpfs on /run/systemd in the private namespace" >&2; exit 2; }
systemd_version=$(systemctl --version 2>/dev/null | sed -n '1s/^systemd \([0-9]*\).*/\1/p')
"$py" "$dir/fake-systemd.py" /run/systemd/private "${systemd_version:-252}" "$work/dbus.log" &
fake_pid=$!
for _ in $(seq 100); do [ -S /run/systemd/private ] && break; sleep 0.05; done
[ -S /run/systemd/private ] || { echo "error: the fake systemd socket did not come up" >&2; exit 2; }

bash "$dir/make-base-root.sh" "$work/base" || { echo "error: building the base root failed" >&2; exit 2; }

# --- known differences: "NAME reason..."; '#' starts a comment line ----------------------------
declare -A known=()
if [ -f "$dir/known-differences.txt" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
        read -r name reason <<<"$line"
        [ -n "${name:-}" ] || continue
        case $name in "#"*) continue ;; esac
        known[$name]=${reason:-"(no reason given)"}
    done <"$dir/known-differences.txt"
fi

timeout_s=${CASE_TIMEOUT:-60}
base_path=$dir/stand-ins:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# run_side SIDE BIN CASEFILE: leaves $work/SIDE/{root,run} and prints the outcome:
# "ok", "fetch-offline rc=N" or "files rc=N"
run_side() {
    local side=$1 bin=$2 case_file=$3
    local top=$work/$side
    rm -rf "$top"
    mkdir -p "$top/run"
    cp -a "$work/base" "$top/root"
    local -a envv=(env -i "PATH=$base_path" "LC_ALL=C.UTF-8" "HOME=/root"
                   "SETFILES_LOG=$top/run/setfiles.log" "IGNITION_CONFIG_FILE=$case_file")
    local rc
    (cd "$top/run" && timeout "$timeout_s" "${envv[@]}" "$bin" -platform file -stage fetch-offline \
        -config-cache "$top/run/cache.json" -state-file "$top/run/state" -neednet "$top/run/neednet" \
        -log-to-stdout) >"$top/run/fetch-offline.log" 2>&1
    rc=$?
    if [ $rc -ne 0 ]; then echo "fetch-offline rc=$rc"; return; fi
    (cd "$top/run" && timeout "$timeout_s" "${envv[@]}" "$bin" -platform file -stage files -root "$top/root" \
        -config-cache "$top/run/cache.json" -state-file "$top/run/state" -log-to-stdout) \
        >"$top/run/files.log" 2>&1
    rc=$?
    if [ $rc -ne 0 ]; then echo "files rc=$rc"; return; fi
    echo ok
}

# last_error SIDE: the most telling line of a failed run's log, shortened
last_error() {
    local f
    for f in "$work/$1/run/files.log" "$work/$1/run/fetch-offline.log"; do
        [ -s "$f" ] || continue
        { grep -E 'CRITICAL|Ignition failed|failed|error|not built' "$f" || cat "$f"; } | tail -n 1 | cut -c1-240
        return
    done
}

stage_of() { echo "${1%% *}"; }   # "files rc=1" -> "files"

passed=0 failed=0 known_count=0
shopt -s nullglob
cases=("$dir"/cases/*.ign)
[ ${#cases[@]} -gt 0 ] || { echo "error: no cases in $dir/cases" >&2; exit 2; }
for case_file in "${cases[@]}"; do
    name=$(basename "$case_file" .ign)
    # shellcheck disable=SC2053
    [[ $name == ${CASES:-*} ]] || continue
    # the two sides share nothing but the fake systemd socket: run them side by side
    run_side ours "$ours" "$case_file" >"$work/ours.outcome" &
    run_side ref "$ref" "$case_file" >"$work/ref.outcome"
    wait $!
    o=$(cat "$work/ours.outcome") r=$(cat "$work/ref.outcome")
    reason=
    rm -f "$work/ours.dump" "$work/ref.dump"
    dump_pid=
    if [ "$o" = ok ]; then "$py" "$dir/dump-tree.py" "$work/ours/root" >"$work/ours.dump" & dump_pid=$!; fi
    [ "$r" = ok ] && "$py" "$dir/dump-tree.py" "$work/ref/root" >"$work/ref.dump"
    [ -z "$dump_pid" ] || wait "$dump_pid"   # never a bare `wait`: the fake systemd is a job too
    if [ -n "${SAVE_DUMPS:-}" ]; then
        mkdir -p "$SAVE_DUMPS"
        for side in ours ref; do
            if [ -f "$work/$side.dump" ]; then cp "$work/$side.dump" "$SAVE_DUMPS/$name.$side"
            else rm -f "$SAVE_DUMPS/$name.$side"; fi
        done
    fi
    if [ "$o" = ok ] && [ "$r" = ok ]; then
        if ! cmp -s "$work/ours.dump" "$work/ref.dump"; then
            reason="trees differ (--- reference, +++ ours)"
            diff -U1 --label reference --label ours "$work/ref.dump" "$work/ours.dump" | head -n 20 >"$work/diff"
        fi
    elif [ "$o" = ok ] || [ "$r" = ok ] || [ "$(stage_of "$o")" != "$(stage_of "$r")" ]; then
        reason="ours: $o, reference: $r"
        [ "$o" = ok ] || reason+=$'\n'"    ours: $(last_error ours)"
        [ "$r" = ok ] || reason+=$'\n'"    reference: $(last_error ref)"
        : >"$work/diff"
    fi

    if [ -n "${known[$name]:-}" ]; then
        known_count=$((known_count + 1))
        if [ -n "$reason" ]; then
            echo "known $name: ${known[$name]}"
        else
            echo "known $name: ${known[$name]} (the two agreed this time)"
        fi
        [ -n "${KEEP:-}" ] && cp -a "$work/ours" "$work/kept-$name-ours" && cp -a "$work/ref" "$work/kept-$name-ref"
        continue
    fi

    # the case must still prove what its name says, on the reference
    if [ -z "$reason" ]; then
        case $name in
            fail-*) [ "$(stage_of "$r")" = files ] ||
                        reason="case is named fail-* but the reference gave: $r" ;;
            invalid-*) [ "$(stage_of "$r")" = fetch-offline ] ||
                        reason="case is named invalid-* but the reference gave: $r" ;;
            *) [ "$r" = ok ] || reason="the reference failed a case meant to succeed: $r"$'\n'"    reference: $(last_error ref)" ;;
        esac
        : >"$work/diff"
    fi

    if [ -z "$reason" ]; then
        echo "ok $name"
        passed=$((passed + 1))
    else
        echo "FAIL $name: $reason"
        [ -s "$work/diff" ] && sed 's/^/    /' "$work/diff"
        failed=$((failed + 1))
        [ -n "${KEEP:-}" ] && cp -a "$work/ours" "$work/kept-$name-ours" && cp -a "$work/ref" "$work/kept-$name-ref"
    fi
done

[ $known_count -eq 0 ] || echo "($known_count known differences listed in files-stage/known-differences.txt, not counted)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
