#!/bin/sh
# Set up, build and run every test (CTest prints the count).
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
cd build
ctest --output-on-failure -j "$(nproc)"
