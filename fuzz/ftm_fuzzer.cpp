// libFuzzer harness of the ftm reader (what it checks: fuzz/readers.hpp).
#include "fuzz/harness.hpp"

POWERMAP_FUZZ_HARNESS("ftm")
