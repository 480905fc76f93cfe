#!/bin/bash
# bench/run.sh S|M|L — powermap against every installed peer (NetworkX, igraph, graph-tool)
# on the same generated map, each phase timed inside each process, median of RUNS runs,
# answers cross-checked. Prints one table per phase and writes bench/results/<size>-<time>.json.
#
# Environment: POWERMAP (binary; default build-rel/cli/powermap, else build/cli/powermap),
# RUNS (3), THREADS (2), PHASES (default by size), TIMEOUT per process in seconds (1200),
# BENCH_NX_BC=1 to include NetworkX's exact betweenness on S (about 6 minutes a run),
# BC_APPROX=EPS to time powermap's sampled betweenness instead of exact (for M and L, where
# exact takes hours in every tool; the peers then skip bc),
# BENCH_DATA / BENCH_RESULTS: where maps are generated and results written (bench/data,
# bench/results).
set -euo pipefail
size=${1:-}
case "$size" in
  S) default_phases=load,sp,bc,pr,wcc ;;
  M|L) default_phases=load,sp,pr,wcc ;;
  *) echo "usage: bench/run.sh S|M|L" >&2; exit 2 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
py=/usr/bin/python3
export PYTHONDONTWRITEBYTECODE=1  # keep the source tree clean (run.sh also runs under CTest)
phases=${PHASES:-$default_phases}
runs=${RUNS:-3}
threads=${THREADS:-2}
timeout=${TIMEOUT:-1200}
powermap=${POWERMAP:-}
if [ -z "$powermap" ]; then
  for candidate in "$root/build-rel/cli/powermap" "$root/build/cli/powermap"; do
    if [ -x "$candidate" ]; then powermap=$candidate; break; fi
  done
fi
[ -x "$powermap" ] || { echo "bench/run.sh: build powermap first (cmake --build build-rel)" >&2; exit 2; }

data=${BENCH_DATA:-$here/data}
results=${BENCH_RESULTS:-$here/results}
map="$data/$size.json"
pairs="$data/$size.pairs"
if [ ! -f "$map" ] || [ ! -f "$pairs" ]; then
  echo "generating $map ..." >&2
  "$py" "$here/generate.py" "$size" "$data"
fi

# The same map as a binary snapshot, to time `--graph MAP.pmap` beside the JSON load.
snapshot="$data/$size.pmap"
if [ ! -f "$snapshot" ] || [ "$snapshot" -ot "$map" ] || [ "$snapshot" -ot "$powermap" ]; then
  "$powermap" pack "$map" -o "$snapshot" >&2
fi

stamp=$(date -u +%Y%m%dT%H%M%SZ)
work=$(mktemp -d "${TMPDIR:-/tmp}/powermap-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

tools=(powermap powermap_pmap)
for peer in networkx igraph graph_tool; do
  if "$py" -c "import $peer" 2>/dev/null; then tools+=("$peer"); else echo "skipping $peer: not installed" >&2; fi
done

for run in $(seq 1 "$runs"); do
  for tool in "${tools[@]}"; do
    out="$work/$tool.$run.json"
    echo "run $run/$runs: $tool ..." >&2
    if [ "$tool" = powermap ]; then
      cmd=("$powermap" --graph "$map" --format json bench --phases "$phases" --pairs "$pairs" --threads "$threads")
      if [ -n "${BC_APPROX:-}" ]; then cmd+=(--approx "$BC_APPROX"); fi
    elif [ "$tool" = powermap_pmap ]; then
      cmd=("$powermap" --graph "$snapshot" --format json bench --phases load,sp --pairs "$pairs")
    else
      tool_phases=$phases
      if { [ "$tool" = networkx ] && [ "${BENCH_NX_BC:-0}" != 1 ]; } || [ -n "${BC_APPROX:-}" ]; then
        tool_phases=$(echo "$phases" | sed 's/,bc//; s/^bc,//')
      fi
      cmd=("$py" "$here/peers/${tool}_peer.py" "$map" --pairs "$pairs" --phases "$tool_phases" --threads "$threads")
    fi
    if ! timeout "$timeout" "${cmd[@]}" >"$out" 2>"$work/$tool.$run.err"; then
      echo "bench/run.sh: $tool failed or timed out (run $run); see below" >&2
      tail -5 "$work/$tool.$run.err" >&2
      rm -f "$out"
    fi
  done
done

mkdir -p "$results"
"$py" "$here/report.py" --size "$size" --phases "$phases" --runs "$runs" --threads "$threads" \
  --map "$map" --out "$results/$size-$stamp.json" "$work"
