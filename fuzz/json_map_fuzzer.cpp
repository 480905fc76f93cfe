// libFuzzer harness of the json_map reader (what it checks: fuzz/readers.hpp).
#include "fuzz/harness.hpp"

POWERMAP_FUZZ_HARNESS("json_map")
