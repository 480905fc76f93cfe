#!/bin/sh
# The HTML pages' scripts (io/diagrams/page/*.js: the map page, the review page; embedded
# at build time) parse:
# `node --check` finds a syntax error before a reader's browser does. Exit 77 (skip)
# without Node.js (scripts/setup.sh installs it).
set -eu
root="$1"
node=$(command -v node || command -v nodejs || true)
[ -n "$node" ] || { echo "skipped: node (Node.js) is not installed; scripts/setup.sh installs it"; exit 77; }
for file in "$root"/io/diagrams/page/*.js; do
  "$node" --check "$file"
  echo "ok: $file"
done
