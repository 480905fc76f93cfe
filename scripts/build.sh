#!/bin/sh
# Configures and builds powermap in build/ (Release, warnings as errors).
set -eu
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DPOWERMAP_WERROR=ON >/dev/null
cmake --build build -j "$(nproc)"
