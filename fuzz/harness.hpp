// The libFuzzer entry point of one harness: POWERMAP_FUZZ_HARNESS("dot") in a file of its
// own makes the harness of that reader (see fuzz/readers.hpp). A broken property prints
// what broke and aborts, which libFuzzer records as a crash with its input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "fuzz/readers.hpp"

namespace powermap::fuzz {

inline int run_harness(std::string_view name, const std::uint8_t* data, std::size_t size) {
    static const Reader* const reader = find_reader(name);
    if (reader == nullptr) {
        std::fprintf(stderr, "powermap fuzz: no reader named '%.*s'\n",
                     static_cast<int>(name.size()), name.data());
        std::abort();
    }
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    if (const auto finding = check_input(*reader, input)) {
        std::fprintf(stderr, "powermap fuzz: %.*s: %s\n", static_cast<int>(name.size()),
                     name.data(), finding->c_str());
        std::abort();
    }
    return 0;
}

} // namespace powermap::fuzz

#define POWERMAP_FUZZ_HARNESS(reader_name)                                                         \
    extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {            \
        return ::powermap::fuzz::run_harness(reader_name, data, size);                             \
    }
