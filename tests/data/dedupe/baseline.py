#!/usr/bin/env python3
"""Plain normalised-name baseline for the dedupe evaluation set, plus a check
that every mention in pairs.csv really occurs in its file.

Normalisation: lowercase, punctuation removed, whitespace runs collapsed, and
nothing else.  The baseline predicts "same" iff both normalised names are
equal.  Unsure pairs are excluded from the confusion counts.

    python3 baseline.py [--data DIR] [--pairs pairs.csv]

Exits non-zero if a name is not found in its file/column (or at the given
row), if a label or kind is unknown, or if a pair is listed twice.
Python 3 standard library only.
"""
import argparse, collections, csv, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_candidates as mc  # noqa: E402  (file list and mention loader)

LABELS = {'same', 'different', 'unsure'}
KINDS = {'company', 'person', 'agency', 'role', 'company-person'}


def norm(name):
    s = re.sub(r'[^\w\s]', '', name.lower())
    return re.sub(r'\s+', ' ', s).strip()


def check(pairs, mentions):
    errors = []
    seen = set()
    for i, p in enumerate(pairs, 2):
        for side in ('left', 'right'):
            key = (p[side + '_file'], p[side + '_column'], p[side + '_name'])
            if key not in mentions:
                errors.append('line %d: %s %r not found in %s column %s' % (i, side, key[2], key[0], key[1]))
            elif p[side + '_row'] and int(p[side + '_row']) not in mentions[key]['rows']:
                errors.append('line %d: %s %r not in data row %s' % (i, side, key[2], p[side + '_row']))
        if p['label'] not in LABELS:
            errors.append('line %d: bad label %r' % (i, p['label']))
        if p['kind'] not in KINDS:
            errors.append('line %d: bad kind %r' % (i, p['kind']))
        if not p['evidence'].strip():
            errors.append('line %d: no evidence' % i)
        k = tuple(sorted([(p['left_file'], p['left_column'], p['left_row'], p['left_name']),
                          (p['right_file'], p['right_column'], p['right_row'], p['right_name'])]))
        if k in seen:
            errors.append('line %d: duplicate pair' % i)
        seen.add(k)
    return errors


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', default=mc.DEFAULT_DATA)
    ap.add_argument('--pairs', default=os.path.join(HERE, 'pairs.csv'))
    a = ap.parse_args()
    pairs = list(csv.DictReader(open(a.pairs, encoding='utf-8', newline='')))
    errors = check(pairs, mc.load(a.data))
    if errors:
        print('\n'.join(errors), file=sys.stderr)
        sys.exit('%d error(s) in %s' % (len(errors), a.pairs))
    labels = collections.Counter(p['label'] for p in pairs)
    kinds = collections.Counter(p['kind'] for p in pairs)
    print('pairs: %d (%s)' % (len(pairs), ', '.join('%s %d' % kv for kv in sorted(labels.items()))))
    print('kinds: %s' % ', '.join('%s %d' % kv for kv in sorted(kinds.items())))
    print('all %d x 2 mentions found in their files' % len(pairs))
    c = collections.Counter()
    per_kind = collections.defaultdict(collections.Counter)
    for p in pairs:
        if p['label'] == 'unsure':
            continue
        pred = norm(p['left_name']) == norm(p['right_name'])
        truth = p['label'] == 'same'
        cell = {(True, True): 'TP', (True, False): 'FP', (False, True): 'FN', (False, False): 'TN'}[(pred, truth)]
        c[cell] += 1
        per_kind[p['kind']][cell] += 1

    def line(name, k):
        prec = k['TP'] / (k['TP'] + k['FP']) if k['TP'] + k['FP'] else float('nan')
        rec = k['TP'] / (k['TP'] + k['FN']) if k['TP'] + k['FN'] else float('nan')
        return '%-15s TP %3d  FP %3d  FN %3d  TN %3d  precision %.3f  recall %.3f' % (
            name, k['TP'], k['FP'], k['FN'], k['TN'], prec, rec)
    print('baseline (normalised names equal => same), unsure excluded:')
    print(line('all', c))
    for kind in sorted(per_kind):
        print(line(kind, per_kind[kind]))


if __name__ == '__main__':
    main()
