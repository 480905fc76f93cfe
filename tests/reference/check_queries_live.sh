#!/bin/sh
# Cross-check (c): reruns NetworkX (Debian's python3-networkx) on our own node-link export of
# the sample and of the karate-club map and compares every centrality measure (directed and
# undirected, to 1e-9 relative), the components and the articulation points with what
# `powermap` prints. Exit 77 (skip) without NetworkX.
set -eu
powermap="$1"
root="$2"
/usr/bin/python3 -c 'import networkx' 2>/dev/null || { echo "python3-networkx not installed"; exit 77; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for map in sample karate; do
  if [ "$map" = sample ]; then graph=""; else graph="-g $root/tests/reference/$map.json"; fi
  # shellcheck disable=SC2086
  "$powermap" $graph export --to nodelink -o "$dir/$map.nl.json" >/dev/null 2>&1
  for measure in degree in out betweenness closeness harmonic pagerank eigenvector; do
    for mode in undirected directed; do
      flag=""; [ "$mode" = directed ] && flag="--directed"
      # shellcheck disable=SC2086
      "$powermap" $graph --format json centrality --measure $measure --top 0 --normalized $flag \
        > "$dir/$map.$measure.$mode.json" 2>/dev/null || true
    done
  done
  # shellcheck disable=SC2086
  "$powermap" $graph --format json components > "$dir/$map.weak.json"
  # shellcheck disable=SC2086
  "$powermap" $graph --format json components --strong > "$dir/$map.strong.json"
  # shellcheck disable=SC2086
  "$powermap" $graph --format json cut --articulation > "$dir/$map.articulation.json" || true
done
/usr/bin/python3 - "$dir" <<'PY'
import json, math, sys
import networkx as nx
folder = sys.argv[1]
problems = 0
checked = 0
for name in ("sample", "karate"):
    data = json.load(open(f"{folder}/{name}.nl.json", encoding="utf-8"))
    directed = nx.DiGraph()
    directed.add_nodes_from(node["id"] for node in data["nodes"])
    for link in data["links"]:
        if link["source"] == link["target"]:
            continue
        directed.add_edge(link["source"], link["target"])
        if not link.get("directed", True):
            directed.add_edge(link["target"], link["source"])
    undirected = nx.Graph(directed.to_undirected())
    for mode, graph in (("undirected", undirected), ("directed", directed)):
        expected = {
            "degree": nx.degree_centrality(graph),
            "betweenness": nx.betweenness_centrality(graph, normalized=True),
            "closeness": nx.closeness_centrality(graph),
            "harmonic": nx.harmonic_centrality(graph),
            "pagerank": nx.pagerank(graph),
        }
        if graph.is_directed():
            expected["in"] = nx.in_degree_centrality(graph)
            expected["out"] = nx.out_degree_centrality(graph)
        try:
            expected["eigenvector"] = nx.eigenvector_centrality(graph)
        except nx.PowerIterationFailedConvergence:
            pass
        for measure, theirs in expected.items():
            ours = {row["id"]: row["score"] for row in json.load(open(f"{folder}/{name}.{measure}.{mode}.json"))["ranking"]}
            for node, value in theirs.items():
                checked += 1
                if not math.isclose(ours[node], value, rel_tol=1e-9, abs_tol=1e-15):
                    problems += 1
                    print(f"{name} {measure} {mode} {node}: ours {ours[node]!r} networkx {value!r}")
    weak = sorted(sorted(c) for c in nx.weakly_connected_components(directed))
    strong = sorted(sorted(c) for c in nx.strongly_connected_components(directed))
    for kind, theirs in (("weak", weak), ("strong", strong)):
        ours = sorted(sorted(c) for c in json.load(open(f"{folder}/{name}.{kind}.json"))["components"])
        checked += 1
        if ours != theirs:
            problems += 1
            print(f"{name} {kind} components differ: {len(ours)} vs {len(theirs)}")
    ours = sorted(row["id"] for row in json.load(open(f"{folder}/{name}.articulation.json"))["articulation_points"])
    checked += 1
    if ours != sorted(nx.articulation_points(undirected)):
        problems += 1
        print(f"{name} articulation points differ: {ours}")
print(f"networkx {nx.__version__}: {checked} values compared, {problems} differ")
sys.exit(1 if problems else 0)
PY
