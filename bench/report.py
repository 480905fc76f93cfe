#!/usr/bin/python3
"""Summarises one bench/run.sh run: medians per tool and phase, peak RSS, powermap's ratio
to the best peer, and the cross-checks (path lengths, top-10 by betweenness and PageRank,
components). Prints one table per phase and writes the whole result as JSON."""
import argparse
import glob
import json
import os
import platform
import statistics
import subprocess
import sys

TOOLS = ["powermap", "powermap_pmap", "networkx", "igraph", "graph_tool"]
OURS = ("powermap", "powermap_pmap")  # powermap_pmap: the same map loaded from its .pmap snapshot


def machine():
    cores = os.cpu_count()
    with open("/proc/meminfo", encoding="utf-8") as handle:
        total_kb = int(handle.readline().split()[1])
    model = ""
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {"cores": cores, "memory_gib": round(total_kb / 1024 / 1024, 1), "cpu": model,
            "system": platform.platform()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("work")
    parser.add_argument("--size", required=True)
    parser.add_argument("--phases", required=True)
    parser.add_argument("--runs", type=int, required=True)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--map", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    phases = args.phases.split(",")

    reports = {}  # tool -> list of run reports
    for tool in TOOLS:
        for path in sorted(glob.glob(os.path.join(args.work, f"{tool}.*.json"))):
            with open(path, encoding="utf-8") as handle:
                text = handle.read().strip()
            if text:
                reports.setdefault(tool, []).append(json.loads(text))
    summary = {"size": args.size, "map": os.path.basename(args.map), "runs": args.runs,
               "threads": args.threads, "machine": machine(), "tools": {}, "phases": {},
               "checks": []}
    for tool, runs in reports.items():
        summary["tools"][tool] = {"version": runs[0].get("version", ""),
                                  "peak_rss_kb": max(run.get("peak_rss_kb", 0) for run in runs)}
    for phase in phases:
        row = {}
        for tool in TOOLS:
            runs = reports.get(tool)
            if not runs or not any(phase in run["phases"] for run in runs):
                continue
            measured = [run["phases"][phase] for run in runs
                        if run["phases"].get(phase, {}).get("status") == "ok"]
            if not measured:
                note = next((run["phases"][phase].get("note", "") for run in runs
                             if phase in run["phases"]), "")
                row[tool] = {"status": "not measured",
                             "note": note or "skipped (see bench/run.sh)"}
                continue
            entry = {"status": "ok", "median_seconds": statistics.median(m["seconds"] for m in measured),
                     "seconds": [m["seconds"] for m in measured],
                     "peak_rss_kb": max(m["peak_rss_kb"] for m in measured)}
            if phase == "load" and tool in OURS:
                for key in ["parse_seconds", "build_seconds", "view_seconds"]:
                    entry[key] = statistics.median(m.get(key, 0) for m in measured)
            row[tool] = entry
        peers = {tool: entry for tool, entry in row.items()
                 if tool not in OURS and entry["status"] == "ok"}
        result = {"tools": row}
        if peers and row.get("powermap", {}).get("status") == "ok":
            best = min(peers, key=lambda tool: peers[tool]["median_seconds"])
            smallest = min(peers, key=lambda tool: peers[tool]["peak_rss_kb"])
            ours = row["powermap"]
            result["best_peer"] = best
            result["speedup_vs_best_peer"] = peers[best]["median_seconds"] / max(ours["median_seconds"], 1e-9)
            result["rss_vs_smallest_peer"] = ours["peak_rss_kb"] / peers[smallest]["peak_rss_kb"]
            snap = row.get("powermap_pmap", {})
            if snap.get("status") == "ok":
                result["pmap_speedup_vs_best_peer"] = (peers[best]["median_seconds"] /
                                                       max(snap["median_seconds"], 1e-9))
                result["pmap_speedup_vs_json"] = ours["median_seconds"] / max(snap["median_seconds"], 1e-9)
        summary["phases"][phase] = result

    # Cross-checks on the first run of each tool: speed never hides a wrong answer.
    first = {tool: runs[0]["phases"] for tool, runs in reports.items()}

    def check(name, extract, same=lambda left, right: left == right):
        answers = {}
        for tool, phases_of in first.items():
            value = extract(phases_of)
            if value is not None:
                answers[tool] = value
        if len(answers) < 2:
            summary["checks"].append({"check": name, "status": "not checked",
                                      "tools": sorted(answers)})
            return
        reference = next(iter(answers.values()))
        agree = all(same(reference, value) for value in answers.values())
        entry = {"check": name, "status": "agree" if agree else "DIFFER", "tools": sorted(answers)}
        if not agree:
            entry["answers"] = {tool: value if not isinstance(value, list) or len(value) <= 12
                                else value[:12] for tool, value in answers.items()}
        summary["checks"].append(entry)

    def ok(phases_of, phase):
        return phases_of.get(phase, {}).get("status") == "ok"

    def same_ranking(left, right):
        """Top-10 lists of [id, score] agree when the ids match in order, or when every
        place where they differ holds scores equal within 1e-4 (relative): entities tied
        in truth may be ordered differently by iterative solvers' last digits."""
        if [item[0] for item in left] == [item[0] for item in right]:
            return True
        return len(left) == len(right) and all(
            abs(a[1] - b[1]) <= 1e-4 * max(abs(a[1]), abs(b[1]), 1e-12)
            for a, b in zip(left, right) if a[0] != b[0])

    check("path lengths (sp)", lambda p: p["sp"]["lengths"] if ok(p, "sp") else None)
    check("top-10 by betweenness (bc)", lambda p: p["bc"]["top10"] if ok(p, "bc") else None,
          same_ranking)
    check("top-10 by PageRank (pr)", lambda p: p["pr"]["top10"] if ok(p, "pr") else None,
          same_ranking)
    check("weak components (wcc)",
          lambda p: [p["wcc"]["count"], p["wcc"]["largest"]] if ok(p, "wcc") else None)

    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=2)
        handle.write("\n")
    print_tables(summary)
    print(f"\nresults: {args.out}")
    if any(entry["status"] == "DIFFER" for entry in summary["checks"]):
        sys.exit(1)


def print_tables(summary):
    m = summary["machine"]
    print(f"## {summary['size']}: {summary['map']}, median of {summary['runs']} runs, "
          f"{summary['threads']} threads; {m['cores']} cores, {m['memory_gib']} GiB, {m['cpu']}")
    for phase, result in summary["phases"].items():
        print(f"\n### {phase}\n")
        print("| tool | median s | runs s | peak RSS MB |")
        print("|---|---:|---|---:|")
        for tool in TOOLS:
            entry = result["tools"].get(tool)
            if entry is None:
                continue
            label = "powermap (.pmap snapshot)" if tool == "powermap_pmap" else tool
            name = f"{label} {summary['tools'][tool]['version']}".strip()
            if entry["status"] != "ok":
                print(f"| {name} | not measured | {entry['note']} | |")
                continue
            runs = ", ".join(f"{value:.4f}" for value in entry["seconds"])
            extra = ""
            if "parse_seconds" in entry:
                extra = (f" (parse {entry['parse_seconds']:.3f}, build {entry['build_seconds']:.3f}, "
                         f"view {entry['view_seconds']:.3f})")
            print(f"| {name} | {entry['median_seconds']:.4f}{extra} | {runs} | "
                  f"{entry['peak_rss_kb'] / 1024:.0f} |")
        if "speedup_vs_best_peer" in result:
            print(f"\npowermap vs best peer ({result['best_peer']}): "
                  f"{result['speedup_vs_best_peer']:.2f}x faster; peak RSS "
                  f"{result['rss_vs_smallest_peer']:.2f}x the smallest peer's")
            if "pmap_speedup_vs_best_peer" in result and phase == "load":
                print(f"powermap from .pmap vs best peer: {result['pmap_speedup_vs_best_peer']:.2f}x "
                      f"faster; vs powermap from JSON: {result['pmap_speedup_vs_json']:.2f}x faster")
        else:
            print("\npowermap vs best peer: no ratio (not measured on one side)")
    print("\n### checks\n")
    for entry in summary["checks"]:
        tools = ", ".join(entry["tools"])
        print(f"- {entry['check']}: {entry['status']} ({tools})")
        if entry["status"] == "DIFFER":
            for tool, value in entry["answers"].items():
                print(f"    {tool}: {value}")


if __name__ == "__main__":
    main()
