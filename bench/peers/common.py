"""Shared harness of the peer scripts: arguments, per-phase timing inside the process, peak
RSS, and the JSON report that bench/run.sh reads. Each peer script supplies the phases.

Phases (the same on every tool, see bench/README.md):
  load  json.load of the map + building the tool's graph (entity ids -> 0..n-1 in file order)
  sp    fewest-hop path lengths ignoring direction for the pairs file (-1 = no path)
  bc    exact betweenness ignoring direction (normalised as NetworkX); top 10 ids
  pr    PageRank over ties in their own direction, alpha 0.85 (NetworkX's definition), on
        the simple directed graph where a tie of an undirected relation type (ally_of,
        partnered_with, shares_data_with in graph/schema.cpp) points both ways, as powermap
        reads the map; the peers get that graph built outside the timed phase; top 10
  wcc   weakly connected components: count and size of the largest
"""
import argparse
import json
import resource
import sys
import time


def parse_args(tool):
    parser = argparse.ArgumentParser(description=f"powermap benchmark peer: {tool}")
    parser.add_argument("map")
    parser.add_argument("--pairs", required=True)
    parser.add_argument("--phases", default="load,sp,bc,pr,wcc")
    parser.add_argument("--threads", type=int, default=2)
    return parser.parse_args()


def peak_rss_kb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


# Relation types the default schema declares undirected (graph/schema.cpp).
UNDIRECTED_TYPES = {"ally_of", "partnered_with", "shares_data_with"}


def read_map(path):
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    ids = [entity["id"] for entity in data["entities"]]
    index = {ident: idx for idx, ident in enumerate(ids)}
    edges = [(index[rel["from"]], index[rel["to"]]) for rel in data["relations"]]
    read_map.undirected = [rel["type"] in UNDIRECTED_TYPES for rel in data["relations"]]
    return ids, index, edges


def pagerank_edges(edges, undirected):
    """The simple directed edge list PageRank runs on: no duplicates, no self-loops, and a
    tie of an undirected type in both directions."""
    out = set()
    for (left, right), both in zip(edges, undirected):
        if left == right:
            continue
        out.add((left, right))
        if both:
            out.add((right, left))
    return sorted(out)


def read_pairs(path, index):
    pairs = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                left, right = line.split()
                pairs.append((index[left], index[right]))
    return pairs


def top10(ids, scores):
    """The 10 best ids by score, ties broken by id so every tool lists them alike."""
    order = sorted(range(len(ids)), key=lambda idx: (-scores[idx], ids[idx]))[:10]
    return [[ids[idx], float(scores[idx])] for idx in order]


def run(tool, version, phases_impl):
    """phases_impl: dict name -> fn(state) -> answer dict; 'load' gets state with args."""
    args = parse_args(tool)
    wanted = [phase for phase in args.phases.split(",") if phase]
    report = {"tool": tool, "version": version, "phases": {}}
    state = {"args": args}
    for phase in ["load"] + [phase for phase in wanted if phase != "load"]:
        if phase not in phases_impl:
            report["phases"][phase] = {"status": "not measured"}
            continue
        prepare = phases_impl.get("prepare_" + phase)
        if prepare is not None:  # untimed: builds what the phase's definition needs
            prepare(state)
        started = time.perf_counter()
        answer = phases_impl[phase](state) or {}
        seconds = time.perf_counter() - started
        if phase == "load":  # the pairs are read outside every timed phase
            state["pairs"] = read_pairs(args.pairs, state["index"])
        report["phases"][phase] = {"status": "ok", "seconds": seconds,
                                   "peak_rss_kb": peak_rss_kb(), **answer}
        print(f"{tool}: {phase} {seconds:.4f} s", file=sys.stderr)
    report["peak_rss_kb"] = peak_rss_kb()
    json.dump(report, sys.stdout)
    sys.stdout.write("\n")
