#!/bin/sh
# Builds the seed corpus of every fuzz harness: scripts/fuzz-seeds.sh OUT_DIR [POWERMAP]
# writes OUT_DIR/<harness>/ from the committed seeds (fuzz/seeds/), the reproducers
# (tests/data/hostile/), the samples, tests/data, what POWERMAP exports of the samples, and
# ../shared/data when it is there (POWERMAP_SHARED_DATA overrides). Files over 64 KiB are
# left out, or cut to their first lines for line-based formats: the fuzzers mutate small
# inputs (their -max_len is smaller still). Nothing here is committed: rerun at will.
set -eu
cd "$(dirname "$0")/.."
mkdir -p "$1"
out=$(cd "$1" && pwd)
powermap=$(realpath "${2:-build/cli/powermap}" 2>/dev/null || echo "${2:-build/cli/powermap}")
shared="${POWERMAP_SHARED_DATA:-../shared/data}"
limit=65536
rm -rf "$out"
harnesses=$(for file in fuzz/*_fuzzer.cpp; do basename "$file" _fuzzer.cpp; done)
for harness in $harnesses; do
  mkdir -p "$out/$harness"
done

# seed HARNESS FILE...: copies each file (named by its path) if it is small enough.
seed() {
  harness="$1"
  shift
  for file in "$@"; do
    [ -f "$file" ] || continue
    [ "$(wc -c <"$file")" -le "$limit" ] || continue
    cp "$file" "$out/$harness/$(printf '%s' "$file" | tr '/' '_')"
  done
}
# seed_head HARNESS LINES FILE...: the first LINES lines of each file (line-based formats).
seed_head() {
  harness="$1"
  lines="$2"
  shift 2
  for file in "$@"; do
    [ -f "$file" ] || continue
    name="$(printf '%s' "$file" | tr '/' '_')"
    case "$file" in
      *.gz) gzip -dc "$file" | head -n "$lines" | head -c "$limit" >"$out/$harness/${name%.gz}" ;;
      *) head -n "$lines" "$file" | head -c "$limit" >"$out/$harness/$name" ;;
    esac
  done
}

for harness in $harnesses; do
  if [ -d "fuzz/seeds/$harness" ]; then seed "$harness" fuzz/seeds/"$harness"/*; fi
done
# Every reproducer kept by any slice, by its format (findings under .../fuzz/<harness>/ by
# their harness).
if [ -d tests/data/hostile ]; then
  find tests/data/hostile -type f | while read -r file; do
    case "$file" in
      */fuzz/*) harness=$(basename "$(dirname "$file")") ;;
      *.json | *.json.gz) harness=json_map ;;
      *.csv) harness=csv_plain ;;
      *.graphml | *.xml) harness=graphml ;;
      *.dot | *.gv) harness=dot ;;
      *.ftm | *.ijson | *.jsonl) harness=ftm ;;
      *.pmap) harness=snapshot ;;
      *) continue ;;
    esac
    if [ -d "$out/$harness" ]; then seed "$harness" "$file"; fi
  done
fi

seed json_map samples/ice-tech.json tests/data/valid/*.json tests/data/invalid/*.json \
  samples/*.mapping.json
seed csv_plain samples/entities.csv samples/relations.csv samples/sources.csv
seed graphml samples/example.graphml
seed ftm samples/example.ftm

if [ -x "$powermap" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  for map in samples/ice-tech.json tests/data/valid/tiny.json; do
    base=$(basename "$map" .json)
    "$powermap" -g "$map" export --to csv -o "$work/$base-" >/dev/null 2>&1 || true
    "$powermap" -g "$map" export --to graphml -o "$work/$base.graphml" >/dev/null 2>&1 || true
    "$powermap" -g "$map" export --to ftm -o "$work/$base.ftm" >/dev/null 2>&1 || true
    "$powermap" -g "$map" render -o "$work/$base.dot" >/dev/null 2>&1 || true
    "$powermap" pack "$map" -o "$work/$base.pmap" >/dev/null 2>&1 || true
  done
  for example in samples/example.graphml samples/example.ftm; do
    "$powermap" import "$example" -o "$work/imported.json" >/dev/null 2>&1 &&
      "$powermap" pack "$work/imported.json" -o "$work/$(basename "$example").pmap" >/dev/null 2>&1 || true
  done
  (cd "$work" && for file in *; do
    case "$file" in
      *.csv) cp "$file" "$out/csv_plain/export-$file" ;;
      *.graphml) cp "$file" "$out/graphml/export-$file" ;;
      *.ftm) cp "$file" "$out/ftm/export-$file" ;;
      *.dot) cp "$file" "$out/dot/render-$file" ;;
      *.pmap) cp "$file" "$out/snapshot/pack-$file" ;;
    esac
  done)
fi

if [ -d "$shared" ]; then
  seed_head csv_mapping 40 "$shared/torn-apart-ice-awards/freezer.csv"
  seed csv_plain "$shared"/gephi-test-resources/import-csv/*.csv
  seed graphml "$shared"/igraph-graphml-tests/*/* "$shared"/gephi-test-resources/*/*.graphml
  seed dot "$shared"/graphviz-rtest/graphs/*.gv "$shared"/graphviz-rtest/issues/*.dot \
    "$shared"/graphviz-rtest/vuln/* "$shared"/gephi-test-resources/import-dot/*
  seed_head ftm 30 "$shared"/ftm-german-party-donations/*.ijson \
    "$shared"/opensanctions-zala-cluster/*.json
  seed json_map "$shared"/littlesis-trump-transition/swamped.json
fi
for harness in $harnesses; do
  echo "fuzz-seeds: $harness: $(find "$out/$harness" -type f | wc -l) seeds"
done
