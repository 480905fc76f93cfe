// libFuzzer harness of the csv_plain reader (what it checks: fuzz/readers.hpp).
#include "fuzz/harness.hpp"

POWERMAP_FUZZ_HARNESS("csv_plain")
