#!/usr/bin/python3
"""NetworkX peer of the powermap benchmark (see common.py for the phases)."""
import networkx as nx

import common


def load(state):
    ids, index, edges = common.read_map(state["args"].map)
    graph = nx.DiGraph()
    graph.add_nodes_from(range(len(ids)))
    graph.add_edges_from(edges)
    state.update(ids=ids, index=index, graph=graph, edges=edges,
                 undirected=graph.to_undirected(as_view=True))
    return {"entities": graph.number_of_nodes(), "relations": graph.number_of_edges()}


def sp(state):
    pairs = state["pairs"]
    lengths = []
    for left, right in pairs:
        try:
            lengths.append(len(nx.bidirectional_shortest_path(state["undirected"], left, right)) - 1)
        except nx.NetworkXNoPath:
            lengths.append(-1)
    return {"lengths": lengths}


def bc(state):
    scores = nx.betweenness_centrality(nx.Graph(state["graph"]), normalized=True)
    return {"top10": common.top10(state["ids"], [scores[idx] for idx in range(len(state["ids"]))])}


def prepare_pr(state):
    graph = nx.DiGraph()
    graph.add_nodes_from(range(len(state["ids"])))
    graph.add_edges_from(common.pagerank_edges(state["edges"], common.read_map.undirected))
    state["pr_graph"] = graph


def pr(state):
    # tol 1e-10 (as powermap's bench): NetworkX's default stops at n * 1e-6 in L1, ~1% off
    # the converged ranks that igraph and graph-tool return on a 100k-entity map.
    scores = nx.pagerank(state["pr_graph"], alpha=0.85, tol=1e-10, max_iter=1000)
    return {"top10": common.top10(state["ids"], [scores[idx] for idx in range(len(state["ids"]))])}


def wcc(state):
    sizes = [len(part) for part in nx.weakly_connected_components(state["graph"])]
    return {"count": len(sizes), "largest": max(sizes, default=0)}


if __name__ == "__main__":
    common.run("networkx", nx.__version__, {"load": load, "sp": sp, "bc": bc, "pr": pr, "prepare_pr": prepare_pr, "wcc": wcc})
