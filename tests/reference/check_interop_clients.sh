#!/bin/sh
# Our GraphML, GEXF, node-link and Cytoscape exports read by real clients: NetworkX
# (GraphML, GEXF, node-link, Cytoscape) and igraph (GraphML) must see the entity and
# relation counts powermap reports, and the attributes: type and name on nodes, type,
# amount and currency on edges. Runs on the sample and on a map imported from freezer.csv.
# Exit 77 (skipped) when NetworkX or igraph is missing.
set -eu
powermap="$1"
source_dir="$2"
data_dir="${POWERMAP_SHARED_DATA:-$3}"
/usr/bin/python3 -c 'import networkx, igraph' 2>/dev/null || { echo "python3-networkx or python3-igraph not installed"; exit 77; }
[ -f "$data_dir/torn-apart-ice-awards/freezer.csv" ] || { echo "skipped: ../shared/data not found at $data_dir (set POWERMAP_SHARED_DATA)"; exit 77; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$powermap" import "$data_dir/torn-apart-ice-awards/freezer.csv" --mapping "$source_dir/samples/freezer.mapping.json" -o "$dir/freezer.json" >/dev/null
for map in sample freezer; do
  graph=""
  [ "$map" = freezer ] && graph="-g $dir/freezer.json"
  for to in graphml gexf nodelink cytoscape; do
    "$powermap" $graph export --to $to -o "$dir/$map.$to" 2>/dev/null
  done
  "$powermap" $graph export -o "$dir/$map.native.json" 2>/dev/null
  /usr/bin/python3 - "$dir/$map" <<'PY'
import json, sys
import networkx as nx
import igraph as ig
base = sys.argv[1]
native = json.load(open(base + ".native.json", encoding="utf-8"))
n, m = len(native["entities"]), len(native["relations"])
entity = {e["id"]: e for e in native["entities"]}
amounts = sorted(r["amount"]["value"] for r in native["relations"] if "amount" in r)
types = sorted(r["type"] for r in native["relations"])

def check(name, g, node_type, node_name, edge_type, edge_amount):
    assert g.number_of_nodes() == n, (name, g.number_of_nodes(), n)
    assert g.number_of_edges() == m, (name, g.number_of_edges(), m)
    for node, data in g.nodes(data=True):
        assert data[node_type] == entity[node]["type"], (name, node, data)
        assert data.get(node_name, "") in (entity[node].get("name", ""), node), (name, node, data)
    assert sorted(d[edge_type] for _, _, d in g.edges(data=True)) == types, name
    got = sorted(float(d[edge_amount]) for _, _, d in g.edges(data=True) if edge_amount in d)
    assert got == amounts, (name, len(got), len(amounts))
    print(f"{name}: {n} nodes, {m} edges, {len(amounts)} amounts: ok")

check("networkx graphml", nx.read_graphml(base + ".graphml"), "type", "name", "type", "amount")
check("networkx gexf", nx.read_gexf(base + ".gexf"), "type", "label", "type", "amount")
check("networkx node-link", nx.node_link_graph(json.load(open(base + ".nodelink", encoding="utf-8"))),
      "type", "name", "type", "amount")
cy = json.load(open(base + ".cytoscape", encoding="utf-8"))
ids = [e["data"]["id"] for group in ("nodes", "edges") for e in cy["elements"][group]]
assert len(ids) == len(set(ids)) == n + m, "Cytoscape.js needs ids unique across nodes and edges"
check("networkx cytoscape", nx.cytoscape_graph(cy), "type", "name", "type", "amount")

g = ig.Graph.Read_GraphML(base + ".graphml")
assert g.vcount() == n and g.ecount() == m, ("igraph", g.vcount(), g.ecount())
assert sorted(g.es["type"]) == types
assert sorted(a for a in g.es["amount"] if a == a) == amounts  # NaN where no amount
for v in g.vs:
    assert v["type"] == entity[v["id"]]["type"], v
print(f"igraph graphml: {g.vcount()} nodes, {g.ecount()} edges: ok")
PY
done
