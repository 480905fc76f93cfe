// libFuzzer harness of the snapshot reader (what it checks: fuzz/readers.hpp).
#include "fuzz/harness.hpp"

POWERMAP_FUZZ_HARNESS("snapshot")
