#!/bin/sh
# render --layout sfdp on a generated 10,000-entity map (bench/generate.py, 50,000 ties):
# Graphviz's spline router crashed there (SIGSEGV inside Pobsopen's visibility graph, 3 of
# 3 runs). Now the ties are straight lines (with a note) and the render must exit 0 with a
# picture, or 2 with a message; never a signal. Its own CTest test: the layout takes
# minutes (most of it sfdp's overlap removal and label placement; render speed is not
# asserted here). Exit 77 (skip) without /usr/bin/python3 to generate the map.
set -u
powermap="$1"
root="$2"
[ -x /usr/bin/python3 ] || { echo "python3 not installed: cannot generate the map"; exit 77; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
/usr/bin/python3 "$root/bench/generate.py" S "$dir" --entities 10000 --relations 50000 \
  --name big > /dev/null || exit 1
"$powermap" --graph "$dir/big.json" render --layout sfdp -o "$dir/big.svg" 2> "$dir/err.txt"
code=$?
cat "$dir/err.txt"
if [ "$code" -gt 2 ]; then
  echo "FAILED: exit $code (a signal is 128 + its number)"
  exit 1
fi
if [ "$code" -eq 2 ]; then
  grep -q "error: " "$dir/err.txt" || { echo "FAILED: exit 2 without a message"; exit 1; }
  exit 0
fi
grep -q "^powermap: note: ties drawn as straight lines" "$dir/err.txt" ||
  { echo "FAILED: no note about straight ties"; exit 1; }
grep -q "^wrote $dir/big.svg (10000 entities, 50000 relations)" "$dir/err.txt" ||
  { echo "FAILED: no summary line"; exit 1; }
grep -q "<svg" "$dir/big.svg" || { echo "FAILED: no SVG written"; exit 1; }
echo "ok: exit 0, $(wc -c < "$dir/big.svg") bytes of SVG"
