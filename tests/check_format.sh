#!/bin/sh
# Every C++ file is formatted as .clang-format says (clang-format 14, as Debian 12 ships it).
# Exit 77 (skip) when clang-format is not installed.
set -eu
root="$1"
command -v clang-format >/dev/null 2>&1 || { echo "clang-format not installed"; exit 77; }
cd "$root"
status=0
for file in $(find graph io cli tests -name '*.cpp' -o -name '*.hpp'); do
  clang-format --dry-run --Werror "$file" 2>/dev/null || { echo "not formatted: $file (run clang-format -i $file)"; status=1; }
done
# The fuzz harnesses (fuzz/) are C++ of the project too.
for file in $(find fuzz -name '*.cpp' -o -name '*.hpp'); do
  clang-format --dry-run --Werror "$file" 2>/dev/null || { echo "not formatted: $file (run clang-format -i $file)"; status=1; }
done
exit $status
