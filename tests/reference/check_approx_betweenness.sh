#!/bin/sh
# Approximate betweenness against exact on the benchmark's S map (10k entities, 50k ties,
# generated with its fixed seed): every normalised score must lie within the bound the
# command states. The sampling seed is fixed so a failure reproduces; the bound holds with
# probability 1 - delta for any seed. Exit 77 (skip) without /usr/bin/python3.
set -eu
powermap="$1"
root="$2"
[ -x /usr/bin/python3 ] || { echo "python3 not installed"; exit 77; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
/usr/bin/python3 "$root/bench/generate.py" S "$dir" > /dev/null
"$powermap" -g "$dir/S.json" --format json centrality --measure betweenness --normalized --top 0 > "$dir/exact.json"
"$powermap" -g "$dir/S.json" --format json centrality --measure betweenness --normalized --top 0 \
  --approx 0.01 --delta 0.1 > "$dir/approx.json"
/usr/bin/python3 - "$dir/exact.json" "$dir/approx.json" <<'PY'
import json, sys
exact = {row["id"]: row["score"] for row in json.load(open(sys.argv[1]))["ranking"]}
answer = json.load(open(sys.argv[2]))
approx = {row["id"]: row["score"] for row in answer["ranking"]}
bound = answer["approximate"]["bound"]
assert set(exact) == set(approx), "different entities ranked"
worst = max(abs(exact[key] - approx[key]) for key in exact)
top_exact = sorted(exact, key=lambda key: (-exact[key], key))[:10]
print(f"{len(exact)} entities, {answer['approximate']['samples']} samples: "
      f"largest error {worst:.5f}, bound {bound:.5f}")
assert worst <= bound, f"error {worst} above the bound {bound}"
# The leaders by exact score are found among the approximate top 20.
top_approx = set(sorted(approx, key=lambda key: (-approx[key], key))[:20])
assert sum(key in top_approx for key in top_exact) >= 8, "the approximation misses the leaders"
PY
