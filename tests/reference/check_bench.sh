#!/bin/sh
# The benchmark harness end to end on a tiny generated map: the map passes validation,
# bench/run.sh runs powermap (JSON and .pmap) and every installed peer once, and all of
# them give the same path lengths, betweenness and PageRank top 10 and components (run.sh
# exits 1 on any disagreement). No timing is
# asserted. Exit 77 (skip) when no peer library is installed.
set -eu
powermap="$1"
root="$2"
/usr/bin/python3 -c 'import networkx' 2>/dev/null || { echo "python3-networkx not installed"; exit 77; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# 300 entities / 900 ties: big enough for multi-hop paths and several components, small
# enough that exact betweenness takes a moment in every library.
/usr/bin/python3 "$root/bench/generate.py" S "$dir" --entities 300 --relations 900 --pairs 200
"$powermap" -g "$dir/S.json" validate
BENCH_DATA="$dir" BENCH_RESULTS="$dir" POWERMAP="$powermap" RUNS=1 BENCH_NX_BC=1 \
  "$root/bench/run.sh" S > "$dir/out.txt" 2> "$dir/err.txt" || { cat "$dir/out.txt" "$dir/err.txt"; exit 1; }
cat "$dir/out.txt"
grep -q "^- path lengths (sp): agree (.*powermap, powermap_pmap" "$dir/out.txt"
grep -q "^- top-10 by betweenness (bc): agree (.*powermap" "$dir/out.txt"
grep -q "^- top-10 by PageRank (pr): agree (.*powermap" "$dir/out.txt"
grep -q "^- weak components (wcc): agree (.*powermap" "$dir/out.txt"
ls "$dir"/S-*.json > /dev/null
