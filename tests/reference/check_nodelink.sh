#!/bin/sh
# Exports the sample as node-link JSON and loads it with NetworkX (Debian's python3-networkx):
# node and edge counts must match what powermap reports. Exit 77 (skip) without NetworkX.
set -eu
powermap="$1"
/usr/bin/python3 -c 'import networkx' 2>/dev/null || { echo "python3-networkx not installed"; exit 77; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$powermap" export --to nodelink -o "$dir/sample.json" 2>/dev/null
"$powermap" --format json stats > "$dir/stats.json"
/usr/bin/python3 - "$dir/sample.json" "$dir/stats.json" <<'PY'
import json, sys
import networkx as nx
data = json.load(open(sys.argv[1], encoding="utf-8"))
stats = json.load(open(sys.argv[2], encoding="utf-8"))
g = nx.node_link_graph(data)  # directed multigraph, as the file says
assert g.is_directed() and g.is_multigraph(), "expected a directed multigraph"
assert g.number_of_nodes() == stats["entities"], (g.number_of_nodes(), stats["entities"])
assert g.number_of_edges() == stats["relations"], (g.number_of_edges(), stats["relations"])
assert nx.number_weakly_connected_components(g) == stats["components"]
assert g.nodes["palantir"]["type"] == "company"
assert any(d["type"] == "hosts" for _, _, d in g.out_edges("aws", data=True))
print(f"networkx {nx.__version__}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges: ok")
PY
