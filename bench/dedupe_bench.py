#!/usr/bin/python3
"""Time and peak memory of `powermap dedupe candidates` on a map, beside loading the same
map alone (`stats`), so the difference is what dedupe costs:

    bench/dedupe_bench.py [-n RUNS] [--powermap build/cli/powermap] MAP
    bench/dedupe_bench.py --generate 100000 OUT.json   # a map of names worth resolving
    bench/dedupe_bench.py --judgements 5000 MAP        # also merging by 5,000 decisions

With --judgements N it writes N random decisions on MAP's entities (pairs of one type,
never two entities with 50 ties or more each; half "same", a quarter each "different" and
"unsure"; seed 20261201) to MAP.judgements.jsonl and times loading with them (`stats
--judgements`) and `dedupe apply` beside loading alone.

(bench/generate.py's maps name every entity "Company 123": nothing to resolve.) The
generated map has people (given name, optional initial, surname) and organisations (one to
three words from a 3,000-word vocabulary, often with a legal form), seed 20261201; one
entity in ten is a variant of another (case, legal form, a dropped initial, one letter
swapped), which is what dedupe should find. Each command runs once to warm the page cache, then RUNS times; prints the median and
minimum wall time and the largest peak RSS of each, and dedupe's pairs compared and found.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(command):
    """Wall seconds, peak RSS in MiB and stdout of one run."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"dedupe_bench: {' '.join(command)} exited with {code}")
    return seconds, usage.ru_maxrss / 1024, out


def generate(count, path):
    import random
    rng = random.Random(20261201)
    letters = "abcdefghijklmnopqrstuvwxyz"
    def word(low, high):
        return "".join(rng.choice(letters) for _ in range(rng.randint(low, high)))
    vocabulary = sorted({word(4, 10) for _ in range(3000)})
    given = sorted({word(3, 7).title() for _ in range(800)})
    surnames = sorted({word(4, 9).title() for _ in range(4000)})
    forms = ["", "", "Inc.", "LLC", "Corp.", "L.L.C.", "Corporation", "Ltd"]
    entities = []
    for idx in range(count):
        if idx % 10 == 9 and entities:
            base = rng.choice(entities)
            name = base["name"]
            change = rng.randrange(4)
            if change == 0:
                name = name.upper()
            elif change == 1 and base["type"] == "company":
                name = name + " " + rng.choice(forms[2:])
            elif change == 1 or change == 2:
                parts = name.split()
                name = " ".join(p for p in parts if len(p.rstrip(".")) > 1) or name
            else:
                at = rng.randrange(1, max(2, len(name) - 1))
                name = name[:at - 1] + name[at] + name[at - 1] + name[at + 1:]
            entities.append({"id": f"v{idx}", "type": base["type"], "name": name})
        elif rng.random() < 0.4:
            initial = f" {rng.choice(letters).upper()}." if rng.random() < 0.3 else ""
            entities.append({"id": f"p{idx}", "type": "person",
                             "name": f"{rng.choice(given)}{initial} {rng.choice(surnames)}"})
        else:
            words = " ".join(rng.choice(vocabulary).title() for _ in range(rng.randint(1, 3)))
            form = rng.choice(forms)
            entities.append({"id": f"c{idx}", "type": "company",
                             "name": f"{words} {form}".strip()})
    with open(path, "w", encoding="utf-8") as out:
        json.dump({"format": "powermap/1", "title": f"{count} names to resolve (generated)",
                   "entities": entities, "relations": []}, out)
    print(f"wrote {path}: {count} entities, {count // 10} of them variants")


def time_commands(commands, count):
    """Runs each command once to warm the page cache, then `count` times; prints its median
    and minimum wall time and largest peak RSS. Returns the medians and each one's last
    stdout, by name."""
    medians = {}
    last = {}
    for name, command in commands.items():
        run(command)
        runs = [run(command) for _ in range(count)]
        times = sorted(seconds for seconds, _, _ in runs)
        peak = max(rss for _, rss, _ in runs)
        medians[name] = statistics.median(times)
        last[name] = runs[-1][2]
        print(f"{name:<18} median {medians[name]:.3f} s, min {times[0]:.3f} s, "
              f"peak RSS {peak:.0f} MiB over {count} runs")
    return medians, last


def write_decisions(map_path, count, path):
    import random
    rng = random.Random(20261201)
    with open(map_path, encoding="utf-8") as handle:
        document = json.load(handle)
    ties = {}
    for relation in document.get("relations", []):
        for end in (relation["from"], relation["to"]):
            ties[end] = ties.get(end, 0) + 1
    by_type = {}
    for entity in document["entities"]:
        by_type.setdefault(entity["type"], []).append(entity["id"])
    types = sorted(kind for kind, ids in by_type.items() if len(ids) > 1)
    with open(path, "w", encoding="utf-8") as out:
        written = 0
        while written < count:
            a, b = rng.sample(by_type[rng.choice(types)], 2)
            if ties.get(a, 0) >= 50 and ties.get(b, 0) >= 50:
                continue
            verdict = rng.choice(["same", "same", "different", "unsure"])
            out.write(json.dumps({"a": a, "b": b, "judgement": verdict, "who": "bench"}) + "\n")
            written += 1


def merge_bench(args):
    decisions = args.map + ".judgements.jsonl"
    # In a child: a process that held the parsed map would pass its memory on to the
    # commands it starts (fork copies it), and their peak RSS would count it.
    subprocess.run([sys.executable, __file__, "--write-decisions", args.map,
                    str(args.judgements), decisions], check=True)
    base = [args.powermap, "-g", args.map]
    commands = {
        "load (stats)": base + ["stats", "--format", "json"],
        "load, merging": base + ["--judgements", decisions, "stats", "--format", "json"],
        "dedupe apply": base + ["--judgements", decisions, "--format", "json", "dedupe",
                                "apply"],
    }
    medians, last = time_commands(commands, args.n)
    answer = json.loads(last["dedupe apply"])
    merged = [c for c in answer["clusters"] if c["refused"] is None]
    print(f"{'':<18} {answer['decisions']} decisions: {len(merged)} clusters merge "
          f"{sum(len(c['members']) for c in merged)} entities")
    print(f"merging itself: {medians['load, merging'] - medians['load (stats)']:.3f} s "
          f"(median difference)")


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "--write-decisions":
        write_decisions(sys.argv[2], int(sys.argv[3]), sys.argv[4])
        return
    if len(sys.argv) == 4 and sys.argv[1] == "--generate":
        generate(int(sys.argv[2]), sys.argv[3])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=5)
    parser.add_argument("--powermap", default=os.path.join(ROOT, "build", "cli", "powermap"))
    parser.add_argument("--judgements", type=int, default=0, metavar="N")
    parser.add_argument("map")
    args = parser.parse_args()
    if args.judgements:
        merge_bench(args)
        return
    commands = {
        "load (stats)": [args.powermap, "-g", args.map, "stats", "--format", "json"],
        "dedupe candidates": [args.powermap, "-g", args.map, "dedupe", "candidates", "--top",
                              "0", "--format", "json"],
    }
    medians, last = time_commands(commands, args.n)
    answer = json.loads(last["dedupe candidates"])
    print(f"{'':<18} {answer['compared']} pairs compared, {answer['found']} found "
          f"at {answer['min_score']}")
    print(f"dedupe itself: {medians['dedupe candidates'] - medians['load (stats)']:.3f} s "
          f"(median difference)")


if __name__ == "__main__":
    main()
