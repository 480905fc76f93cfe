#!/bin/sh
# Renders the sample to DOT (English and Arabic) and has Graphviz's own `dot` parse and lay
# it out; the SVG must hold one node per entity. Exit 77 (skip) without Graphviz.
set -eu
powermap="$1"
command -v dot >/dev/null 2>&1 || { echo "graphviz not installed"; exit 77; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
entities=$("$powermap" --format json stats | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["entities"])')
for lang in en ar; do
  "$powermap" --lang "$lang" render -o "$dir/sample-$lang.dot" 2>/dev/null
  dot -Tsvg "$dir/sample-$lang.dot" -o "$dir/sample-$lang.svg"
  nodes=$(grep -c 'class="node"' "$dir/sample-$lang.svg")
  [ "$nodes" -eq "$entities" ] || { echo "$lang: $nodes nodes drawn, $entities entities"; exit 1; }
  echo "$lang: dot drew $nodes nodes: ok"
done
