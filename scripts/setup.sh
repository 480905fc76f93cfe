#!/bin/sh
# Installs what powermap needs to build, test and render, from Debian 12 packages only.
# Safe to run again: apt-get skips what is already installed. clang (with libFuzzer and the
# sanitizer runtimes in libclang-rt-14-dev, llvm-symbolizer in llvm) is the second compiler
# and builds the fuzz harnesses.
set -eu
packages="build-essential cmake pkg-config
  libboost-graph-dev libgraphviz-dev graphviz rapidjson-dev catch2 libcli11-dev libfmt-dev
  libicu-dev libpugixml-dev zlib1g-dev fonts-noto-core graphviz-doc chromium clang-format
  python3 python3-networkx python3-igraph python3-graph-tool
  clang libclang-rt-14-dev llvm"
missing=""
for package in $packages; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
done
if [ -n "$missing" ]; then
  echo "setup: installing$missing"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

# Kùzu (npm) for the check that the Neo4j export loads as data (tests/reference/
# check_neo4j_kuzu.sh). Pinned by tests/reference/kuzu/package-lock.json; the package ships
# its prebuilt Linux binary, so the install copies it and downloads nothing outside npm.
# Skipped when this lock file is what is already installed.
kuzu_dir="$(dirname "$0")/../tests/reference/kuzu"
if ! command -v npm >/dev/null 2>&1; then
  echo "setup: installing nodejs npm"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm
fi
if ! cmp -s "$kuzu_dir/package-lock.json" "$kuzu_dir/node_modules/.powermap-installed-lock"; then
  echo "setup: npm ci in tests/reference/kuzu"
  (cd "$kuzu_dir" && npm ci --no-audit --no-fund --loglevel=error &&
     cp package-lock.json node_modules/.powermap-installed-lock)
fi
