#!/bin/sh
# The Neo4j export of a map full of Cypher injection payloads (tests/data/hostile/writes/
# neo4j-injection.json) loads into Kùzu as data: every payload string reads back as a
# property value and load.cypher runs only its own statements (tests/reference/kuzu/
# check_neo4j.js says how). The sample map is checked the same way.
# Exit 77 (skip) without node or without Kùzu installed by scripts/setup.sh.
set -eu
powermap="$1"
root="$2"
kuzu_dir="$root/tests/reference/kuzu"
command -v node >/dev/null 2>&1 || { echo "node not installed"; exit 77; }
[ -f "$kuzu_dir/node_modules/kuzu/kuzujs.node" ] ||
  { echo "kuzu not installed in $kuzu_dir (run scripts/setup.sh)"; exit 77; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

status=0
for map in "$root/tests/data/hostile/writes/neo4j-injection.json" "$root/samples/ice-tech.json"; do
  out="$dir/$(basename "$map" .json)/"
  "$powermap" --graph "$map" export --to neo4j -o "$out" 2>/dev/null
  echo "$(basename "$map"):"
  node "$kuzu_dir/check_neo4j.js" "$out" "$map" || status=1
done
exit $status
