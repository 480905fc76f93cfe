// libFuzzer harness of the csv_mapping reader (what it checks: fuzz/readers.hpp).
#include "fuzz/harness.hpp"

POWERMAP_FUZZ_HARNESS("csv_mapping")
