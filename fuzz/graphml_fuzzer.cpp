// libFuzzer harness of the graphml reader (what it checks: fuzz/readers.hpp).
#include "fuzz/harness.hpp"

POWERMAP_FUZZ_HARNESS("graphml")
