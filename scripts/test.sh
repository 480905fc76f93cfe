#!/bin/sh
# Set up, build and run every test (CTest prints the count). In CI (CI=true) the suite runs
# a second time in a Debug build with AddressSanitizer and UBSan, as STYLE.md asks, and
# the tests of code that runs on several threads (the shared text pool, snapshot decoding,
# parallel betweenness) a third time under ThreadSanitizer; then a clang build runs the suite,
# and each libFuzzer harness runs for 45 seconds (scripts/fuzz.sh).
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
(cd build && ctest --output-on-failure -j "$(nproc)")
if [ "${CI:-}" = true ]; then
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DPOWERMAP_WERROR=ON \
    -DPOWERMAP_SANITIZE=address,undefined >/dev/null
  cmake --build build-asan -j "$(nproc)"
  (cd build-asan && ctest --output-on-failure -j "$(nproc)")
fi
if [ "${CI:-}" = true ]; then
  cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=Debug -DPOWERMAP_WERROR=ON \
    -DPOWERMAP_SANITIZE=thread >/dev/null
  cmake --build build-tsan -j "$(nproc)" --target powermap_tests
  # The [hostile] snapshot cases (SIGBUS, truncation from another process) run in the other builds.
  TSAN_OPTIONS=halt_on_error=1 build-tsan/tests/powermap_tests "[text],[snapshot]~[hostile],[centrality]"
fi
if [ "${CI:-}" = true ]; then
  # A second compiler: clang builds everything with -Werror and passes the suite too.
  CC=clang CXX=clang++ cmake -S . -B build-clang -DCMAKE_BUILD_TYPE=Release \
    -DPOWERMAP_WERROR=ON >/dev/null
  cmake --build build-clang -j "$(nproc)"
  (cd build-clang && ctest --output-on-failure -j "$(nproc)")
  # Every fuzz harness for a fixed budget (seconds each); any finding fails CI.
  scripts/fuzz.sh "${POWERMAP_FUZZ_SECONDS:-45}"
fi
