#!/usr/bin/env python3
"""Propose candidate pairs of name mentions for the dedupe evaluation set.

Reads the shared real-data files (read-only), collects every name mention
(file, column, name) with the evidence columns of its rows (UEI, DUNS, parent
UEI, address, LittleSis id, the row's parent name), blocks on rare name tokens
and on shared UEIs, and prints one candidate per line (TSV) with a token
score and the evidence hints a human reviewer needs.  Python 3 stdlib only.

    python3 make_candidates.py [--data DIR] [--min-score 0.0] > candidates.tsv

--data defaults to $POWERMAP_SHARED_DATA, else ../shared/data beside the
repository.

The labels in pairs.csv were decided by hand from this output (see README.md).
"""
import argparse, collections, csv, gzip, io, itertools, os, re, sys

# ../shared/data beside the repository, as for the real-data tests, unless
# POWERMAP_SHARED_DATA says otherwise
DEFAULT_DATA = os.environ.get('POWERMAP_SHARED_DATA') or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', '..', 'shared', 'data')

# short file name -> path under shared/data
FILES = {
    'freezer.csv': 'torn-apart-ice-awards/freezer.csv',
    'prime.csv.gz': 'usaspending-ice-mn/Contracts_PrimeAwardSummaries_2025-03-21_H19M57S23_1.csv.gz',
    'subawards.csv.gz': 'usaspending-ice-mn/Contracts_Subawards_2025-03-28_H03M23S17_1.csv.gz',
    'landing_teams.csv': 'littlesis-trump-transition/landing_teams.csv',
}

# (file, name column, kind, evidence columns: uei, duns, parent_uei, address, city, parent name column, id)
COLUMNS = [
    ('freezer.csv', 'recipient_name', 'company', dict(city='recipient_city', state='recipient_state', parent='parent_name')),
    ('freezer.csv', 'parent_name', 'company', dict()),
    ('freezer.csv', 'awarding_office_name', 'agency', dict()),
    ('prime.csv.gz', 'recipient_name', 'company', dict(uei='recipient_uei', duns='recipient_duns', parent_uei='recipient_parent_uei', address='recipient_address_line_1', city='recipient_city_name', parent='recipient_parent_name')),
    ('prime.csv.gz', 'recipient_name_raw', 'company', dict(uei='recipient_uei', duns='recipient_duns', parent_uei='recipient_parent_uei', address='recipient_address_line_1', city='recipient_city_name', parent='recipient_parent_name')),
    ('prime.csv.gz', 'recipient_doing_business_as_name', 'company', dict(uei='recipient_uei', address='recipient_address_line_1')),
    ('prime.csv.gz', 'recipient_parent_name', 'company', dict(uei='recipient_parent_uei', duns='recipient_parent_duns')),
    ('prime.csv.gz', 'recipient_parent_name_raw', 'company', dict(uei='recipient_parent_uei', duns='recipient_parent_duns')),
    ('prime.csv.gz', 'awarding_office_name', 'agency', dict()),
    ('subawards.csv.gz', 'prime_awardee_name', 'company', dict(uei='prime_awardee_uei', duns='prime_awardee_duns', parent_uei='prime_awardee_parent_uei', address='prime_awardee_address_line_1', city='prime_awardee_city_name', parent='prime_awardee_parent_name')),
    ('subawards.csv.gz', 'prime_awardee_parent_name', 'company', dict(uei='prime_awardee_parent_uei', duns='prime_awardee_parent_duns')),
    ('subawards.csv.gz', 'prime_awardee_dba_name', 'company', dict(uei='prime_awardee_uei')),
    ('subawards.csv.gz', 'subawardee_name', 'company', dict(uei='subawardee_uei', duns='subawardee_duns', parent_uei='subawardee_parent_uei', address='subawardee_address_line_1', city='subawardee_city_name', parent='subawardee_parent_name')),
    ('subawards.csv.gz', 'subawardee_parent_name', 'company', dict(uei='subawardee_parent_uei', duns='subawardee_parent_duns')),
    ('subawards.csv.gz', 'subawardee_dba_name', 'company', dict(uei='subawardee_uei', address='subawardee_address_line_1')),
    ('subawards.csv.gz', 'prime_award_awarding_office_name', 'agency', dict()),
] + [('subawards.csv.gz', 'subawardee_highly_compensated_officer_%d_name' % i, 'person', dict()) for i in range(1, 6)] + [
    ('landing_teams.csv', 'name', 'person', dict(id='Person_ID', parent='employer')),
    ('landing_teams.csv', 'employer', 'company', dict(id='Employer_ID')),
    ('landing_teams.csv', 'agency', 'agency', dict()),
    ('landing_teams.csv', 'fundingSource', 'role', dict()),
]

LEGAL = set('''inc incorporated corp corporation co company llc l l c lp l p llp ltd limited plc
the of and liability group holdings holding gmbh ag sa'''.split())


def open_csv(data, short):
    path = os.path.join(data, FILES[short])
    if path.endswith('.gz'):
        return csv.DictReader(io.TextIOWrapper(gzip.open(path), encoding='utf-8', newline=''))
    return csv.DictReader(open(path, encoding='utf-8', newline=''))


def tokens(name):
    t = re.sub(r"[^\w]+", ' ', name.lower().replace('&', ' and ')).split()
    return [x for x in t if x not in LEGAL]


def load(data):
    """(file, column, name) -> mention dict with row numbers and evidence sets."""
    m = {}
    for short in FILES:
        cols = [c for c in COLUMNS if c[0] == short]
        for rowno, row in enumerate(open_csv(data, short), 1):
            for _, col, kind, ev in cols:
                name = row[col]
                if not name.strip():
                    continue
                key = (short, col, name)
                d = m.setdefault(key, dict(kind=kind, rows=[], ev=collections.defaultdict(set)))
                d['rows'].append(rowno)
                for k, c in ev.items():
                    if row.get(c, '').strip():
                        d['ev'][k].add(row[c].strip())
    return m


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', default=DEFAULT_DATA)
    ap.add_argument('--min-score', type=float, default=0.0)
    a = ap.parse_args()
    m = load(a.data)
    keys = sorted(m)
    tok = {k: set(tokens(k[2])) for k in keys}
    df = collections.Counter()
    for n in {k[2].lower() for k in keys}:
        df.update(set(tokens(n)))
    block = collections.defaultdict(list)
    for k in keys:
        for t in tok[k]:
            if df[t] <= 12 and len(t) > 1:
                block[('t', t)].append(k)
        for u in m[k]['ev'].get('uei', ()):
            block[('u', u)].append(k)
        for i in m[k]['ev'].get('id', ()):
            block[('i', k[1], i)].append(k)
    # a row's recipient and its parent column: subsidiary candidates, and
    # recipient/parent pairs that are the same entity spelled twice
    byname = collections.defaultdict(list)
    for k in keys:
        byname[(k[0], k[2])].append(k)
    for k in keys:
        for p in m[k]['ev'].get('parent', ()):
            for y in byname.get((k[0], p), ()):
                block[('p', k, p)].extend([k, y])
    seen = set()
    w = csv.writer(sys.stdout, delimiter='\t', lineterminator='\n')
    w.writerow(['score', 'kind', 'left_file', 'left_column', 'left_row', 'left_name', 'right_file',
                'right_column', 'right_row', 'right_name', 'hints'])
    out = []
    for ks in block.values():
        for x, y in itertools.combinations(sorted(set(ks)), 2):
            if (x, y) in seen or x[2] == y[2] and x[1] == y[1] and x[0] == y[0]:
                continue
            seen.add((x, y))
            kx, ky = m[x]['kind'], m[y]['kind']
            if kx != ky and not ({kx, ky} <= {'company', 'person'} or {kx, ky} <= {'company', 'agency'}):
                continue
            u = tok[x] | tok[y]
            s = len(tok[x] & tok[y]) / len(u) if u else 1.0
            ex, ey = m[x]['ev'], m[y]['ev']
            hints = []
            for f in ('uei', 'parent_uei', 'address', 'city', 'id'):
                common = ex.get(f, set()) & ey.get(f, set())
                if common:
                    hints.append('same %s %s' % (f, '|'.join(sorted(common))))
                elif ex.get(f) and ey.get(f):
                    hints.append('%s differ %s / %s' % (f, '|'.join(sorted(ex[f])), '|'.join(sorted(ey[f]))))
            if y[2] in ex.get('parent', ()):
                hints.append('right is parent of left')
            if x[2] in ey.get('parent', ()):
                hints.append('left is parent of right')
            if s >= a.min_score or any(h.startswith('same uei') for h in hints):
                out.append((s, kx, x, y, hints))
    out.sort(key=lambda r: (-r[0], r[2], r[3]))
    for s, kind, x, y, hints in out:
        w.writerow(['%.2f' % s, kind, x[0], x[1], '', x[2], y[0], y[1], '', y[2], '; '.join(hints)])
    rows = row_candidates(a.data)
    for kind, col, r1, r2, name, hint in rows:
        w.writerow(['1.00', kind, 'landing_teams.csv', col, r1, name, 'landing_teams.csv', col, r2, name, hint])
    print('%d mentions, %d name-level and %d row-level candidates' % (len(keys), len(out), len(rows)), file=sys.stderr)


def row_candidates(data):
    """LittleSis rows that repeat a name: the same string may be one person
    (an id on one row only, as for Alex Pollock and Kiron Skinner) or not an
    entity at all ("Self-Employed Consultant"), so rows are paired for review."""
    by = collections.defaultdict(list)
    for rowno, row in enumerate(open_csv(data, 'landing_teams.csv'), 1):
        by[('name', row['name'])].append((rowno, row['Person_ID'], row['employer'], row['Employer_ID']))
        by[('employer', row['employer'])].append((rowno, row['Employer_ID'], row['name'], ''))
    out = []
    for (col, name), rs in sorted(by.items()):
        for r1, r2 in zip(rs, rs[1:]):
            hint = 'ids %r / %r; %s / %s' % (r1[1], r2[1], r1[2], r2[2])
            out.append(('person' if col == 'name' else 'company', col, r1[0], r2[0], name, hint))
    return out


if __name__ == '__main__':
    main()
