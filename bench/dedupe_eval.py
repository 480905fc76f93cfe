#!/usr/bin/python3
"""Scores `powermap dedupe candidates` on the labelled pairs of tests/data/dedupe/pairs.csv.

Each distinct mention (file, column, name, and row where the pairs give one) becomes one
entity of a map written to a temporary folder: a person for the LittleSis `name` and the
USAspending officer columns, an agency for the office and LittleSis `agency` columns, a
company otherwise. The map carries names only: no identifier (UEI, DUNS) and no tie, so the
matcher is judged on what the names say. `role` pairs (LittleSis fundingSource values) are
not entities and are left out. A pair is predicted `same` when dedupe lists it at the
threshold given (default: dedupe's own default), or when its two mentions are one entity.

Prints the confusion counts (unsure pairs excluded), precision and recall, beside those of a
plain normalised-name baseline (lowercase, punctuation removed, spaces collapsed); --curve
adds them at several thresholds. Exit 1 when --require-precision/--require-recall fail.

    bench/dedupe_eval.py [--powermap build/cli/powermap] [--min-score S] [--curve]
"""
import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PERSON_COLUMNS = re.compile(r"^(name|subawardee_highly_compensated_officer_\d_name)$")
AGENCY_COLUMNS = {"awarding_office_name", "prime_award_awarding_office_name", "agency"}


def mention(row, side):
    return (row[side + "_file"], row[side + "_column"], row[side + "_name"],
            row[side + "_row"] or "")


def entity_type(column):
    if PERSON_COLUMNS.match(column):
        return "person"
    if column in AGENCY_COLUMNS:
        return "agency"
    return "company"


def baseline_same(left, right):
    def norm(text):
        return " ".join(re.sub(r"[^\w\s]", "", text.lower()).split())
    return norm(left) == norm(right)


def confusion(pairs, predicted):
    counts = Counter()
    for row in pairs:
        label = row["label"]
        if label == "unsure":
            continue
        guess = predicted(row)
        counts[("T" if guess == (label == "same") else "F") + ("P" if guess else "N")] += 1
    tp, fp, fn = counts["TP"], counts["FP"], counts["FN"]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return counts, precision, recall


def line(name, result):
    counts, precision, recall = result
    return (f"{name:<24} TP {counts['TP']:3}  FP {counts['FP']:3}  FN {counts['FN']:3}  "
            f"TN {counts['TN']:3}  precision {precision:.3f}  recall {recall:.3f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--powermap", default=os.path.join(ROOT, "build", "cli", "powermap"))
    parser.add_argument("--pairs", default=os.path.join(ROOT, "tests", "data", "dedupe", "pairs.csv"))
    parser.add_argument("--min-score", type=float, help="threshold (default: dedupe's own)")
    parser.add_argument("--curve", action="store_true", help="also at thresholds 0.70..0.95")
    parser.add_argument("--show-errors", action="store_true", help="list the wrong pairs")
    parser.add_argument("--require-precision", type=float)
    parser.add_argument("--require-recall", type=float)
    args = parser.parse_args()

    with open(args.pairs, encoding="utf-8", newline="") as handle:
        pairs = [row for row in csv.DictReader(handle) if row["kind"] != "role"]
    ids = {}
    for row in pairs:
        for side in ("left", "right"):
            key = mention(row, side)
            ids.setdefault(key, f"m{len(ids)}")
    entities = [{"id": ident, "type": entity_type(key[1]), "name": key[2]}
                for key, ident in ids.items()]
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "mentions.json")
        with open(path, "w", encoding="utf-8") as out:
            json.dump({"format": "powermap/1", "title": "dedupe evaluation mentions",
                       "entities": entities, "relations": []}, out, ensure_ascii=False)
        command = [args.powermap, "-g", path, "dedupe", "candidates", "--top", "0",
                   "--format", "json", "--identifiers", "none", "--min-score", "0.5"]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode not in (0, 1):
            sys.exit(f"dedupe_eval: {' '.join(command)} failed:\n{done.stderr}")
        answer = json.loads(done.stdout)
        help_text = subprocess.run([args.powermap, "dedupe", "candidates", "--help"],
                                   capture_output=True, text=True).stdout
    default = float(re.search(r"--min-score FLOAT:\[0 - 1\]=([0-9.]+)", help_text).group(1))
    threshold = default if args.min_score is None else args.min_score
    scores = {}
    for pair in answer["pairs"]:
        scores[frozenset((pair["left"]["id"], pair["right"]["id"]))] = pair["score"]

    def dedupe_at(limit):
        def predicted(row):
            left, right = ids[mention(row, "left")], ids[mention(row, "right")]
            return left == right or scores.get(frozenset((left, right)), 0) >= limit
        return predicted

    print(f"{len(pairs)} pairs ({sum(r['label'] == 'unsure' for r in pairs)} unsure, left out), "
          f"{len(ids)} mentions; dedupe compared {answer['compared']} pairs of mentions")
    print(line("baseline (equal names)", confusion(pairs, lambda r: baseline_same(
        r["left_name"], r["right_name"]))))
    result = confusion(pairs, dedupe_at(threshold))
    print(line(f"dedupe at {threshold}", result))
    for kind in sorted({row["kind"] for row in pairs}):
        subset = [row for row in pairs if row["kind"] == kind]
        print(line(f"  {kind}", confusion(subset, dedupe_at(threshold))))
    if args.curve:
        for limit in (0.70, 0.75, 0.80, 0.85, 0.90, 0.95):
            print(line(f"dedupe at {limit:.2f}", confusion(pairs, dedupe_at(limit))))
    if args.show_errors:
        predicted = dedupe_at(threshold)
        for row in pairs:
            if row["label"] == "unsure":
                continue
            guess = predicted(row)
            if guess != (row["label"] == "same"):
                left, right = ids[mention(row, "left")], ids[mention(row, "right")]
                score = scores.get(frozenset((left, right)), 0)
                print(f"{'FP' if guess else 'FN'} {score:.3f} {row['left_name']!r} / "
                      f"{row['right_name']!r} ({row['kind']}: {row['evidence'][:90]})")
    _, precision, recall = result
    failed = [f"precision {precision:.3f} < {args.require_precision}"
              for _ in [0] if args.require_precision and precision < args.require_precision]
    failed += [f"recall {recall:.3f} < {args.require_recall}"
               for _ in [0] if args.require_recall and recall < args.require_recall]
    if failed:
        sys.exit("dedupe_eval: " + "; ".join(failed))


if __name__ == "__main__":
    main()
