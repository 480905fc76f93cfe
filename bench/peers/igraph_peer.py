#!/usr/bin/python3
"""igraph peer of the powermap benchmark (see common.py for the phases)."""
import igraph

import common


def load(state):
    ids, index, edges = common.read_map(state["args"].map)
    graph = igraph.Graph(n=len(ids), edges=edges, directed=True)
    state.update(ids=ids, index=index, graph=graph, edges=edges)
    return {"entities": graph.vcount(), "relations": graph.ecount()}


def sp(state):
    pairs = state["pairs"]
    graph = state["graph"]
    lengths = []
    for left, right in pairs:
        distance = graph.distances(source=left, target=right, mode="all")[0][0]
        lengths.append(-1 if distance == float("inf") else int(distance))
    return {"lengths": lengths}


def bc(state):
    graph = state["graph"]
    count = graph.vcount()
    raw = graph.betweenness(directed=False)
    scale = 2.0 / ((count - 1) * (count - 2)) if count > 2 else 1.0  # NetworkX's normalisation
    return {"top10": common.top10(state["ids"], [value * scale for value in raw])}


def prepare_pr(state):
    state["pr_graph"] = igraph.Graph(n=len(state["ids"]), directed=True,
                                     edges=common.pagerank_edges(state["edges"], common.read_map.undirected))


def pr(state):
    return {"top10": common.top10(state["ids"], state["pr_graph"].pagerank(directed=True, damping=0.85))}


def wcc(state):
    sizes = state["graph"].connected_components(mode="weak").sizes()
    return {"count": len(sizes), "largest": max(sizes, default=0)}


if __name__ == "__main__":
    common.run("igraph", igraph.__version__, {"load": load, "sp": sp, "bc": bc, "pr": pr, "prepare_pr": prepare_pr, "wcc": wcc})
