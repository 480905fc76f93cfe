#!/bin/sh
# The main job on the sample map: set up, build, then ask the sample its questions.
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
pm=build/cli/powermap
set -x
$pm validate
$pm stats
$pm path "Peter Thiel" ICE --explain
$pm path بالانتير "وزارة الأمن الداخلي" --explain
$pm render -o build/ice-tech.dot
$pm render --clusters --legend -o build/ice-tech.svg
$pm --lang ar render --clusters --legend -o build/ice-tech-ar.png
$pm export --to html --path "Peter Thiel" ICE -o build/ice-tech.html
