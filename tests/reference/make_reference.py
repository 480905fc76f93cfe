#!/usr/bin/python3
"""Writes the reference graphs as powermap/1 maps and NetworkX's answers on them.

Run with Debian's interpreter (it sees python3-networkx 2.8.8):
    /usr/bin/python3 tests/reference/make_reference.py
It rewrites tests/reference/<graph>.json (the map) and <graph>.expected.tsv (NetworkX's
results), which tests/graph/reference_test.cpp reads. The graphs are NetworkX's own
generators (Florentine families, Davis southern women, Zachary's karate club, Les
Miserables) plus the sample map. Each .tsv line is tab-separated: kind, mode, key, value;
floats are written with repr() so no digit is lost.
"""
import json
import os
import re
import sys

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# The sample's relation types that are undirected or supply ties, as graph/schema.cpp
# defines them; tests/graph/reference_test.cpp checks these lists against the schema.
UNDIRECTED_TYPES = {"ally_of", "partnered_with", "shares_data_with"}
SUPPLY_TYPES = {"holds_contract", "awarded_by", "provides", "hosts", "serves", "sells_to", "partner_in"}


def slug(name):
    text = re.sub(r"[^a-z0-9]+", "-", str(name).lower()).strip("-")
    return text or "node"


def write_map(name, title, graph, entity_type):
    """An undirected NetworkX graph as a map: one undirected 'tie' per edge."""
    ids = {}
    for node in graph.nodes:
        node_id = slug(node)
        assert node_id not in ids.values(), f"duplicate slug {node_id}"
        ids[node] = node_id
    entities = []
    for node in graph.nodes:
        kind = entity_type(node)
        entities.append({"id": ids[node], "type": kind, "name": str(node)})
    # The source text lists every edge, one line each, so every tie quotes it verbatim.
    relations = []
    edge_lines = []
    for left, right in graph.edges:
        line = f"{left} -- {right}"
        edge_lines.append(line)
        relations.append({"from": ids[left], "to": ids[right], "type": "tie",
                          "sources": [{"source": "networkx", "quote": line}]})
    with open(os.path.join(HERE, f"{name}.txt"), "w", encoding="utf-8") as out:
        out.write(f"Edges of the {title} graph in NetworkX {nx.__version__}:\n" + "\n".join(edge_lines) + "\n")
    document = {
        "format": "powermap/1",
        "title": f"{title} (from NetworkX {nx.__version__})",
        "sources": [{"id": "networkx", "title": f"NetworkX {nx.__version__} generator: {title}",
                     "text_file": f"{name}.txt"}],
        "schema": {
            "entity_types": [{"id": "event", "parent": "entity", "label": "Event"}],
            "relation_types": [{"id": "tie", "forward": "is tied to", "reverse": "is tied to",
                                "directed": False, "supply": False}],
        },
        "entities": entities,
        "relations": relations,
    }
    with open(os.path.join(HERE, f"{name}.json"), "w", encoding="utf-8") as out:
        json.dump(document, out, ensure_ascii=False, indent=1)
        out.write("\n")
    return nx.relabel_nodes(graph, ids)


def fmt(value):
    return repr(float(value))


def scores(lines, kind, mode, values):
    for node in sorted(values):
        lines.append(f"{kind}\t{mode}\t{node}\t{fmt(values[node])}")


def centralities(lines, graph, mode):
    scores(lines, "degree", mode, nx.degree_centrality(graph))
    if graph.is_directed():
        scores(lines, "in", mode, nx.in_degree_centrality(graph))
        scores(lines, "out", mode, nx.out_degree_centrality(graph))
    scores(lines, "betweenness", mode, nx.betweenness_centrality(graph, normalized=True))
    scores(lines, "betweenness-raw", mode, nx.betweenness_centrality(graph, normalized=False))
    scores(lines, "closeness", mode, nx.closeness_centrality(graph))
    scores(lines, "harmonic", mode, nx.harmonic_centrality(graph))
    scores(lines, "pagerank", mode, nx.pagerank(graph))
    try:
        scores(lines, "eigenvector", mode, nx.eigenvector_centrality(graph))
    except nx.PowerIterationFailedConvergence:
        lines.append(f"eigenvector-fails\t{mode}\t-\t-")


def multigraph_paths(lines, multigraph, mode, pairs, k):
    """k shortest and all simple paths on the map as a multigraph: parallel ties are
    different paths, so NetworkX enumerates edge paths (keys included)."""
    for source, target in pairs:
        lengths = sorted(len(path) for path in nx.all_simple_edge_paths(multigraph, source, target, cutoff=6))
        assert len(lengths) >= k, (source, target, len(lengths))
        lines.append(f"kpaths\t{mode}\t{source}>{target}\t{','.join(map(str, lengths[:k]))}")
        lines.append(f"allpaths4\t{mode}\t{source}>{target}\t{sum(1 for n in lengths if n <= 4)}")


def structure(lines, graph, mode, pairs, k):
    for source in sorted(graph.nodes):
        lengths = nx.single_source_shortest_path_length(graph, source)
        text = ",".join(f"{target}:{lengths[target]}" for target in sorted(lengths))
        lines.append(f"spl\t{mode}\t{source}\t{text}")
    undirected = graph.to_undirected() if graph.is_directed() else graph
    lines.append(f"articulation\t{mode}\t-\t{','.join(sorted(nx.articulation_points(undirected)))}")
    if graph.is_directed():
        weak = sorted(sorted(c) for c in nx.weakly_connected_components(graph))
        strong = sorted(sorted(c) for c in nx.strongly_connected_components(graph))
        lines.append(f"weak\t{mode}\t-\t{'|'.join(','.join(c) for c in weak)}")
        lines.append(f"strong\t{mode}\t-\t{'|'.join(','.join(c) for c in strong)}")
    else:
        comps = sorted(sorted(c) for c in nx.connected_components(graph))
        lines.append(f"weak\t{mode}\t-\t{'|'.join(','.join(c) for c in comps)}")
    for source, target in pairs:
        # k shortest simple paths: the hop counts are exact whatever the order of equal
        # paths; the paths strictly shorter than the k-th are a fixed set.
        paths = []
        for path in nx.shortest_simple_paths(graph, source, target):
            paths.append(path)
            if len(paths) == k:
                break
        lengths = [len(path) - 1 for path in paths]
        lines.append(f"kpaths\t{mode}\t{source}>{target}\t{','.join(map(str, lengths))}")
        shorter = sorted("/".join(path) for path in paths if len(path) - 1 < lengths[-1])
        lines.append(f"kpaths-shorter\t{mode}\t{source}>{target}\t{';'.join(shorter)}")
        count = sum(1 for _ in nx.all_simple_paths(graph, source, target, cutoff=4))
        lines.append(f"allpaths4\t{mode}\t{source}>{target}\t{count}")


def classic(name, title, graph, entity_type, pairs):
    # Our measures are unweighted: drop edge data (Les Miserables and the karate club carry
    # weights that nx.pagerank would otherwise use).
    plain = nx.Graph()
    plain.add_nodes_from(graph.nodes)
    plain.add_edges_from(graph.edges)
    graph = write_map(name, title, plain, entity_type)
    lines = []
    centralities(lines, graph, "undirected")
    structure(lines, graph, "undirected", pairs, 6)
    return lines


def sample():
    with open(os.path.join(ROOT, "samples", "ice-tech.json"), encoding="utf-8") as source:
        data = json.load(source)
    directed = nx.DiGraph()
    supply = nx.DiGraph()
    directed.add_nodes_from(entity["id"] for entity in data["entities"])
    supply.add_nodes_from(directed.nodes)
    for relation in data["relations"]:
        left, right = relation["from"], relation["to"]
        if left == right:
            continue
        directed.add_edge(left, right)
        if relation["type"] in UNDIRECTED_TYPES:
            directed.add_edge(right, left)
        if relation["type"] in SUPPLY_TYPES:
            supply.add_edge(left, right)
    undirected = nx.Graph(directed.to_undirected())
    lines = []
    centralities(lines, undirected, "undirected")
    centralities(lines, directed, "directed")
    pairs = [("aws", "ice"), ("peter-thiel", "dhs"), ("palantir", "ice")]
    structure(lines, undirected, "undirected", [], 0)
    structure(lines, directed, "directed", [], 0)
    multi_directed = nx.MultiDiGraph()
    multi_directed.add_nodes_from(directed.nodes)
    for relation in data["relations"]:
        multi_directed.add_edge(relation["from"], relation["to"])
        if relation["type"] in UNDIRECTED_TYPES:
            multi_directed.add_edge(relation["to"], relation["from"])
    multi_undirected = nx.MultiGraph()
    multi_undirected.add_nodes_from(directed.nodes)
    for relation in data["relations"]:
        multi_undirected.add_edge(relation["from"], relation["to"])
    multigraph_paths(lines, multi_undirected, "undirected", pairs, 8)
    multigraph_paths(lines, multi_directed, "directed", [("aws", "ice"), ("palantir", "ice")], 4)
    for root in ("aws", "palantir"):
        dominators = nx.immediate_dominators(supply, root)
        text = ",".join(f"{node}:{dominators[node]}" for node in sorted(dominators) if node != root)
        lines.append(f"dominators\tsupply\t{root}\t{text}")
    return lines


def main():
    jobs = {
        "florentine": lambda: classic("florentine", "Florentine families", nx.florentine_families_graph(),
                                      lambda node: "organization", [("medici", "strozzi"), ("pazzi", "lamberteschi")]),
        "davis": lambda: classic("davis", "Davis southern women", nx.davis_southern_women_graph(),
                                 lambda node: "event" if re.fullmatch(r"E\d+", str(node)) else "person",
                                 [("evelyn-jefferson", "e14"), ("dorothy-murchison", "olivia-carleton")]),
        "karate": lambda: classic("karate", "Zachary's karate club",
                                  nx.relabel_nodes(nx.karate_club_graph(), lambda n: f"member-{n:02d}"),
                                  lambda node: "person", [("member-00", "member-33"), ("member-16", "member-26")]),
        "lesmis": lambda: classic("lesmis", "Les Miserables co-appearances", nx.les_miserables_graph(),
                                  lambda node: "person", [("valjean", "javert"), ("myriel", "gavroche")]),
    }
    for name, job in jobs.items():
        lines = job()
        with open(os.path.join(HERE, f"{name}.expected.tsv"), "w", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")
    with open(os.path.join(HERE, "sample.expected.tsv"), "w", encoding="utf-8") as out:
        out.write("\n".join(sample()) + "\n")
    print(f"networkx {nx.__version__}: wrote {len(jobs)} maps and {len(jobs) + 1} result files", file=sys.stderr)


if __name__ == "__main__":
    main()
