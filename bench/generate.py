#!/usr/bin/python3
"""Seeded generator of typed powermap/1 maps for the benchmark.

    generate.py SIZE OUT_DIR [--seed N]     SIZE: S (10k/50k), M (100k/500k), L (1M/5M)

Writes OUT_DIR/<SIZE>.json (a map that passes `powermap validate`) and OUT_DIR/<SIZE>.pairs
(1000 seeded entity-id pairs, one "from to" per line, shared by every tool). Degrees are
heavy-tailed: endpoints are drawn from each type's pool with a skewed (power-law-like)
choice, so a few hubs hold many ties, as vendors and agencies do in real maps. Every
relation type is allowed between its endpoint types by the default schema
(graph/schema.cpp); supply types (holds_contract, awarded_by, provides, hosts, serves,
partner_in) make up about half of the ties; contracts and funding carry amounts. Pairs of
entities are tied at most once (in either direction), so simple-graph peers (NetworkX
Graph, graph-tool) see the same graph as powermap.
"""
import argparse
import json
import os
import random
import sys

SIZES = {"S": (10_000, 50_000), "M": (100_000, 500_000), "L": (1_000_000, 5_000_000)}

# entity type, share of entities, id prefix
ENTITY_TYPES = [
    ("person", 0.38, "p"),
    ("company", 0.25, "c"),
    ("agency", 0.05, "a"),
    ("nonprofit", 0.05, "n"),
    ("program", 0.07, "g"),
    ("contract", 0.12, "k"),
    ("system", 0.08, "s"),
]
ORGS = ["company", "agency", "nonprofit"]

# relation type, weight, from pools, to pools, carries an amount
RELATION_TYPES = [
    ("works_for", 0.16, ["person"], ORGS, False),
    ("leads", 0.04, ["person"], ORGS, False),
    ("member_of", 0.08, ["person"], ["company", "nonprofit"], False),
    ("holds_contract", 0.14, ["company"], ["contract"], True),
    ("awarded_by", 0.10, ["contract"], ["agency"], True),
    ("provides", 0.08, ["company"], ["system"], False),
    ("hosts", 0.06, ["company"], ["system"], False),
    ("serves", 0.08, ["system"], ["agency"], False),
    ("partner_in", 0.06, ["company"], ["program"], False),
    ("funds", 0.08, ["agency", "nonprofit"], ["program"], True),
    ("shares_data_with", 0.04, ["agency"], ["system"], False),
    ("sells_to", 0.08, ["company"], ["agency", "company"], True),
]

SKEW = 2.6  # endpoint rank = n * u**SKEW: higher means heavier tail


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", choices=sorted(SIZES))
    parser.add_argument("out_dir")
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--entities", type=int, help="override the size's entity count")
    parser.add_argument("--relations", type=int, help="override the size's relation count")
    parser.add_argument("--name", help="file name stem (default: SIZE)")
    args = parser.parse_args()
    entity_count, relation_count = SIZES[args.size]
    if args.entities is not None:
        entity_count = args.entities
    if args.relations is not None:
        relation_count = args.relations
    stem = args.name or args.size
    rng = random.Random(args.seed)

    pools = {}
    ids = []
    for type_name, share, prefix in ENTITY_TYPES:
        count = max(1, int(entity_count * share))
        members = [f"{prefix}{idx}" for idx in range(count)]
        ids.extend((member, type_name) for member in members)
        shuffled = members[:]
        rng.shuffle(shuffled)  # hubs are not the lowest ids
        pools[type_name] = shuffled
    while len(ids) < entity_count:  # rounding: top up with people
        member = f"p{len(pools['person'])}"
        pools["person"].append(member)
        ids.append((member, "person"))

    def pick(type_names):
        pool = pools[rng.choice(type_names)]
        return pool[int(len(pool) * rng.random() ** SKEW)]

    weights = [rel[1] for rel in RELATION_TYPES]
    seen = set()
    relations = []
    attempts = 0
    while len(relations) < relation_count:
        attempts += 1
        if attempts > relation_count * 20:
            sys.exit("generate.py: cannot place enough distinct ties; lower SKEW")
        rel_type, _, froms, tos, has_amount = rng.choices(RELATION_TYPES, weights)[0]
        source, target = pick(froms), pick(tos)
        if source == target:
            continue
        key = (source, target) if source < target else (target, source)
        if key in seen:
            continue
        seen.add(key)
        amount = rng.randint(1, 5000) * 1000 if has_amount else None
        start = 2000 + rng.randrange(26) if rng.random() < 0.3 else None
        relations.append((source, target, rel_type, amount, start, rng.randrange(8)))

    os.makedirs(args.out_dir, exist_ok=True)
    map_path = os.path.join(args.out_dir, f"{stem}.json")
    with open(map_path + ".tmp", "w", encoding="utf-8") as out:
        out.write('{\n"format": "powermap/1",\n')
        out.write(f'"title": "Generated benchmark map {args.size} (seed {args.seed})",\n')
        out.write('"sources": [\n')
        out.write(",\n".join(
            f'{{"id": "src{idx}", "title": "Generated source {idx}", "date": "2025"}}'
            for idx in range(8)))
        out.write('\n],\n"entities": [\n')
        out.write(",\n".join(
            f'{{"id": "{ident}", "type": "{type_name}", "name": "{type_name.title()} {ident[1:]}"}}'
            for ident, type_name in ids))
        out.write('\n],\n"relations": [\n')
        lines = []
        for source, target, rel_type, amount, start, src in relations:
            extra = ""
            if amount is not None:
                extra += f', "amount": {{"value": {amount}, "currency": "USD"}}'
            if start is not None:
                extra += f', "start": "{start}"'
            lines.append(f'{{"from": "{source}", "to": "{target}", "type": "{rel_type}"{extra}, '
                         f'"sources": [{{"source": "src{src}", "quote": "tie {source}-{target}"}}]}}')
        out.write(",\n".join(lines))
        out.write("\n]\n}\n")
    os.replace(map_path + ".tmp", map_path)

    all_ids = [ident for ident, _ in ids]
    pair_rng = random.Random(args.seed + 1)
    with open(os.path.join(args.out_dir, f"{stem}.pairs"), "w", encoding="utf-8") as out:
        for _ in range(args.pairs):
            out.write(f"{pair_rng.choice(all_ids)} {pair_rng.choice(all_ids)}\n")
    print(f"{map_path}: {len(ids)} entities, {len(relations)} relations", file=sys.stderr)


if __name__ == "__main__":
    main()
