// The powermap/1 reader streams the root lists item by item. These fixtures were checked
// to give byte-for-byte the diagnostics of the former whole-file DOM reader (except the
// duplicate relation id, whose "first defined at" location that reader lost): problems
// in every kind of item, lists of the wrong kind, repeated root keys, root members after
// the lists, a syntax error inside an item, a truncated file, a root that is a list.
#include <catch2/catch.hpp>

#include "tests/support.hpp"

using powermap::tests::run_cli;
using powermap::tests::slurp;
using powermap::tests::source_dir;

TEST_CASE("streamed reading reports every problem with its position", "[io][json]") {
    const std::vector<std::pair<std::string, int>> fixtures = {
        {"stream-mixed-problems", 1},       {"stream-lists-of-wrong-kind", 1},
        {"stream-relation-checks", 1},      {"stream-root-is-a-list", 1},
        {"stream-syntax-error-in-item", 2}, {"stream-truncated", 2},
    };
    for (const auto& [name, code] : fixtures) {
        INFO(name);
        const std::string stem = "tests/data/invalid/" + name;
        auto result = run_cli({"-g", stem + ".json", "validate"});
        CHECK(result.code == code);
        CHECK(result.err == slurp(source_dir() / (stem + ".err")));
        CHECK(result.out == slurp(source_dir() / (stem + ".out")));
    }
}
