#!/usr/bin/python3
"""graph-tool peer of the powermap benchmark (see common.py for the phases); OpenMP threads
follow --threads."""
import graph_tool as gt
import graph_tool.centrality
import graph_tool.topology
import numpy

import common


def load(state):
    gt.openmp_set_num_threads(state["args"].threads)
    ids, index, edges = common.read_map(state["args"].map)
    graph = gt.Graph(directed=True)
    graph.add_vertex(len(ids))
    graph.add_edge_list(numpy.array(edges, dtype=numpy.int64).reshape(-1, 2))
    state.update(ids=ids, index=index, graph=graph, edges=edges,
                 undirected=gt.GraphView(graph, directed=False))
    return {"entities": graph.num_vertices(), "relations": graph.num_edges()}


def sp(state):
    pairs = state["pairs"]
    graph = state["undirected"]
    unreachable = numpy.iinfo(numpy.int32).max
    lengths = []
    for left, right in pairs:
        distance = int(gt.topology.shortest_distance(graph, graph.vertex(left), graph.vertex(right)))
        lengths.append(-1 if distance >= unreachable else distance)
    return {"lengths": lengths}


def bc(state):
    vertex_scores, _ = gt.centrality.betweenness(state["undirected"], norm=True)
    return {"top10": common.top10(state["ids"], vertex_scores.a.tolist())}


def prepare_pr(state):
    graph = gt.Graph(directed=True)
    graph.add_vertex(len(state["ids"]))
    edges = common.pagerank_edges(state["edges"], common.read_map.undirected)
    graph.add_edge_list(numpy.array(edges, dtype=numpy.int64).reshape(-1, 2))
    state["pr_graph"] = graph


def pr(state):
    scores = gt.centrality.pagerank(state["pr_graph"], damping=0.85)
    return {"top10": common.top10(state["ids"], scores.a.tolist())}


def wcc(state):
    _, sizes = gt.topology.label_components(state["graph"], directed=False)
    return {"count": int(len(sizes)), "largest": int(sizes.max()) if len(sizes) else 0}


if __name__ == "__main__":
    common.run("graph-tool", gt.__version__.split()[0],
               {"load": load, "sp": sp, "bc": bc, "pr": pr, "prepare_pr": prepare_pr, "wcc": wcc})
