// The flat id -> index table behind entity lookup: inserts, repeats, misses, and growth
// past many rehashes, checked against the vector it indexes.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "graph/detail/id_table.hpp"

using powermap::graph::detail::IdTable;

TEST_CASE("id table finds every id it was given and nothing else", "[graph][ids]") {
    std::vector<std::string> ids;
    const auto key_of = [&ids](std::uint32_t idx) -> std::string_view {
        return ids[idx];
    };
    IdTable table;
    CHECK_FALSE(table.find("anything", key_of).has_value()); // empty table
    // 20,000 ids force many rehashes; "" and ids differing in one byte sit at the edges.
    for (int number = 0; number < 20000; ++number) {
        std::string id = "e"; // not "e" + ...: GCC 12 -Wrestrict false positive in Release
        id += std::to_string(number);
        ids.push_back(std::move(id));
    }
    ids.push_back("");
    ids.push_back("e1\xd9\x85");
    for (std::uint32_t idx = 0; idx < ids.size(); ++idx) {
        const auto [stored, inserted] = table.insert(ids[idx], idx, key_of);
        CHECK(inserted);
        CHECK(stored == idx);
    }
    CHECK(table.size() == ids.size());
    for (std::uint32_t idx = 0; idx < ids.size(); ++idx) {
        const auto found = table.find(ids[idx], key_of);
        REQUIRE(found.has_value());
        CHECK(*found == idx);
    }
    // A repeat keeps the first index.
    const auto [stored, inserted] = table.insert("e42", 7, key_of);
    CHECK_FALSE(inserted);
    CHECK(stored == 42);
    CHECK_FALSE(table.find("e20000", key_of).has_value());
    CHECK_FALSE(table.find("E1", key_of).has_value());
}
