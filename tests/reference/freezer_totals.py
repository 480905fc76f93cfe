#!/usr/bin/python3
"""Independent check of the freezer.csv import (Python's csv and json, no powermap code).

From the CSV: each recipient rolls up to the parent companies its rows name other than
itself (CSRA names itself on three rows and General Dynamics on one: it rolls up to General
Dynamics, as the map's one part_of tie says). Sums current_total_value by that parent.
From the map: sums holds_contract amounts by the recipient's part_of parent (itself when it
has none). Recipients naming two parents are left out of both sums and listed. Names are
compared normalised (lower case, runs of non-alphanumerics -> one space).
Exits 1 with one line per mismatch, else 0 with a summary."""
import csv, json, re, sys
from collections import defaultdict

csv_path, map_path = sys.argv[1], sys.argv[2]

def norm(text):
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split())

rows = list(csv.DictReader(open(csv_path, newline="", encoding="utf-8")))
parents = defaultdict(set)
for row in rows:
    if norm(row["parent_name"]) != norm(row["recipient_name"]):
        parents[norm(row["recipient_name"])].add(norm(row["parent_name"]))
ambiguous = {r for r, p in parents.items() if len(p) > 1}
expected = defaultdict(float)
for row in rows:
    value = row["current_total_value"].strip()
    recipient = norm(row["recipient_name"])
    if value and recipient not in ambiguous:
        parent = next(iter(parents[recipient])) if parents[recipient] else recipient
        expected[parent] += float(value)

data = json.load(open(map_path, encoding="utf-8"))
names = {e["id"]: norm(e.get("name", e["id"])) for e in data["entities"]}
map_parents = defaultdict(set)
for r in data["relations"]:
    if r["type"] == "part_of" and r.get("role") == "subsidiary":
        map_parents[r["from"]].add(r["to"])
got = defaultdict(float)
for r in data["relations"]:
    if r["type"] == "holds_contract" and "amount" in r:
        assert r["amount"]["currency"] == "USD"
        if names[r["from"]] in ambiguous:
            assert len(map_parents[r["from"]]) == 2, r["from"]
            continue
        parent = next(iter(map_parents[r["from"]])) if map_parents[r["from"]] else r["from"]
        got[names[parent]] += r["amount"]["value"]

bad = 0
for parent in sorted(set(expected) | set(got)):
    if abs(expected[parent] - got[parent]) > 0.01:
        print(f"mismatch {parent!r}: csv {expected[parent]:.2f} map {got[parent]:.2f}")
        bad += 1
print(f"{len(expected)} parents, total {sum(expected.values()):.2f} USD, {bad} mismatches, "
      f"left out (two parents): {sorted(ambiguous)}; "
      f"palantir technologies {expected['palantir technologies']:.2f}")
sys.exit(1 if bad else 0)
