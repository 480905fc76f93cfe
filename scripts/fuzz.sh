#!/bin/sh
# Fuzzes powermap's readers: scripts/fuzz.sh [SECONDS] [HARNESS...]
# Builds the libFuzzer harnesses (fuzz/) with clang in build-fuzz/, builds their seed
# corpora (scripts/fuzz-seeds.sh), then runs each harness (default: all) for SECONDS
# (default 600) and prints the executions per harness. Exit 1 on any finding: the input is
# in build-fuzz/findings/<harness>/ (replay it with build-fuzz/fuzz/<harness>_fuzzer FILE).
# The corpus each run grows is kept in build-fuzz/corpus/<harness>/ for the next run.
# FUZZ_ARGS adds libFuzzer flags (for example FUZZ_ARGS=-fork=2 for a longer campaign).
set -eu
cd "$(dirname "$0")/.."
seconds="${1:-600}"
[ $# -gt 0 ] && shift
all=$(for file in fuzz/*_fuzzer.cpp; do basename "$file" _fuzzer.cpp; done | tr '\n' ' ')
harnesses="${*:-$all}"
build=build-fuzz

CC="${FUZZ_CC:-clang}" CXX="${FUZZ_CXX:-clang++}" cmake -S . -B "$build" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPOWERMAP_WERROR=ON -DPOWERMAP_FUZZ=ON \
  -DPOWERMAP_BUILD_TESTS=OFF >/dev/null
powermap=build/cli/powermap # the ordinary build, to export and pack seeds, when it is there
targets=fuzzers
if [ ! -x "$powermap" ]; then
  powermap="$build/cli/powermap"
  targets="fuzzers powermap"
fi
cmake --build "$build" -j "$(nproc)" --target $targets
LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp" scripts/fuzz-seeds.sh "$build/seeds" "$powermap" >/dev/null

# Inputs are kept small (-max_len) while the deep-nesting stack overflows in the JSON and
# FtM readers are being fixed (issue 10): 4 KiB cannot nest deep enough to overflow, and
# small inputs run fast. fuzz/ubsan.supp lists the UBSan reports passed over.
export ASAN_OPTIONS="detect_stack_use_after_return=0:handle_abort=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:suppressions=$PWD/fuzz/ubsan.supp"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp"
status=0
summary=""
for harness in $harnesses; do
  corpus="$build/corpus/$harness"
  findings="$build/findings/$harness"
  log="$build/logs/$harness.log"
  mkdir -p "$corpus" "$findings" "$(dirname "$log")"
  rc=0
  # shellcheck disable=SC2086 # FUZZ_ARGS is a list of flags
  "$build/fuzz/${harness}_fuzzer" "$corpus" "$build/seeds/$harness" \
    -dict="fuzz/dict/$harness.dict" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$findings/" \
    ${FUZZ_ARGS:-} >"$log" 2>&1 || rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  units=$(find "$corpus" -type f | wc -l)
  line="$harness: ${runs:-?} executions in ${seconds} s (${speed:-?}/s), corpus $units"
  if [ "$rc" -ne 0 ]; then
    status=1
    line="$line: FINDING (exit $rc), see $log and $findings/"
    echo "fuzz: $harness found a problem:" >&2
    grep -E "powermap fuzz:|ERROR:|SUMMARY:|runtime error|Test unit written" "$log" | head -n 12 >&2 || true
  fi
  echo "fuzz: $line"
  summary="$summary$line\n"
done
printf "fuzz: summary\n$summary"
exit $status
