#!/usr/bin/env bash
# Differential test: Provisioner's `validate` against the real ignition-validate.
#
# usage: validate-corpus.sh PROVISIONER_BINARY [CORPUS_DIR]
#
# For every *.ign below CORPUS_DIR (default: tests/corpus/validate next to this
# script) it runs the live ignition-validate ($IGNITION_VALIDATE, default
# /usr/bin/ignition-validate) and `PROVISIONER_BINARY validate FILE`, and compares
#   (a) the verdict: exit code zero vs non-zero;
#   (b) when ignition-validate's first stdout line is a report entry with a JSON
#       path ("error at $..." / "warning at $..."), our first stdout line must be
#       byte-for-byte identical.
# Disagreements are printed as
#   DIFF <area>/<name>: verdict ours=<rc> theirs=<rc>
#   DIFF <area>/<name>: first line
#     ours:   <line>
#     theirs: <line>
# (KNOWN instead of DIFF for cases listed in known-differences.txt), followed by
# the figures and, as the last line, "N passed, M failed".  Exit status: 0 when
# every disagreement is listed in known-differences.txt, 1 otherwise, 2 on usage
# errors.
#
# Only needs bash, coreutils (timeout) and the two binaries.

set -u
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
usage() {
    echo "usage: $0 PROVISIONER_BINARY [CORPUS_DIR]" >&2
    exit 2
}

[ $# -ge 1 ] && [ $# -le 2 ] || usage
ours_bin=$1
corpus=${2:-$here/../corpus/validate}
theirs_bin=${IGNITION_VALIDATE:-/usr/bin/ignition-validate}
known_file=${KNOWN_DIFFERENCES:-$here/known-differences.txt}
case_timeout=${CASE_TIMEOUT:-60}

[ -x "$ours_bin" ] || { echo "error: $ours_bin is not an executable file" >&2; usage; }
[ -x "$theirs_bin" ] || { echo "error: $theirs_bin not found (apt-get install -y ignition)" >&2; exit 2; }
[ -d "$corpus" ] || { echo "error: corpus directory $corpus not found" >&2; exit 2; }
corpus=$(cd "$corpus" && pwd)

# --- known differences: "<area>/<name>  <reason>"; lines starting with '#' are comments
declare -A known=()
if [ -f "$known_file" ]; then
    while IFS= read -r kline || [ -n "$kline" ]; do
        kline=${kline%$'\r'}
        read -r kcase kreason <<<"$kline"
        [ -n "${kcase:-}" ] || continue
        case $kcase in "#"*) continue ;; esac
        known[$kcase]=${kreason:-"(no reason given)"}
    done <"$known_file"
fi

# --- collect cases (sorted, any depth) ---------------------------------------
shopt -s globstar nullglob
cases=("$corpus"/**/*.ign)
if [ ${#cases[@]} -eq 0 ]; then
    echo "error: no .ign files below $corpus" >&2
    exit 2
fi

percent() {
    # percent N M -> "P%" with one decimal
    local n=$1 m=$2
    if [ "$m" -eq 0 ]; then
        printf 'n/a'
        return
    fi
    local t=$((n * 1000 / m))
    printf '%d.%d%%' $((t / 10)) $((t % 10))
}

total=0
verdict_agree=0
fl_total=0
fl_agree=0
passed=0
failed=0
seen_known=()

for f in "${cases[@]}"; do
    rel=${f#"$corpus"/}
    name=${rel%.ign}
    total=$((total + 1))

    theirs_out=$(timeout "$case_timeout" "$theirs_bin" "$f" 2>/dev/null)
    theirs_rc=$?
    ours_out=$(timeout "$case_timeout" "$ours_bin" validate "$f" 2>/dev/null)
    ours_rc=$?

    ok=1
    report=()
    if (((theirs_rc == 0) == (ours_rc == 0))); then
        verdict_agree=$((verdict_agree + 1))
    else
        ok=0
        report+=("verdict ours=$ours_rc theirs=$theirs_rc")
    fi

    theirs_first=${theirs_out%%$'\n'*}
    case $theirs_first in
    "error at \$"* | "warning at \$"*)
        fl_total=$((fl_total + 1))
        ours_first=${ours_out%%$'\n'*}
        if [ "$ours_first" = "$theirs_first" ]; then
            fl_agree=$((fl_agree + 1))
        else
            ok=0
            report+=("first line"$'\n'"  ours:   $ours_first"$'\n'"  theirs: $theirs_first")
        fi
        ;;
    esac

    if [ $ok -eq 1 ]; then
        passed=$((passed + 1))
        if [ -n "${known[$name]+x}" ]; then
            echo "NOTE $name: listed in known-differences.txt but agrees now"
        fi
        continue
    fi
    if [ -n "${known[$name]+x}" ]; then
        passed=$((passed + 1))
        seen_known+=("$name")
        for r in "${report[@]}"; do
            echo "KNOWN $name: $r"
        done
        echo "  (known difference: ${known[$name]})"
    else
        failed=$((failed + 1))
        for r in "${report[@]}"; do
            echo "DIFF $name: $r"
        done
    fi
done

echo "cases: $total (corpus $corpus)"
echo "verdicts: $verdict_agree/$total agree ($(percent "$verdict_agree" "$total"))"
echo "first lines: $fl_agree/$fl_total agree ($(percent "$fl_agree" "$fl_total"))"
if [ ${#known[@]} -gt 0 ]; then
    echo "known differences: ${#seen_known[@]} hit of ${#known[@]} listed"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
