// The compact model's building blocks: pooled Text (interning, content equality and
// order, texts longer than a pool chunk, texts made on other threads), PooledList, the
// 20-byte Origin that stands for a SourceLocation, and Props allocated only when used.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "graph/model.hpp"
#include "graph/text.hpp"

using powermap::SourceLocation;
using powermap::graph::Citation;
using powermap::graph::Origin;
using powermap::graph::PooledList;
using powermap::graph::PropMap;
using powermap::graph::Props;
using powermap::graph::PropValue;
using powermap::graph::Relation;
using powermap::graph::Text;

TEST_CASE("texts intern equal strings once and compare by content", "[graph][text]") {
    const Text empty;
    CHECK(empty.empty());
    CHECK(empty.view().empty());
    CHECK(std::string(empty.c_str()).empty());
    CHECK(Text("").handle() == 0);

    const Text funds("funds");
    const Text again(std::string("fu") + "nds");
    CHECK(funds.handle() == again.handle()); // interned: the same bytes, the same handle
    CHECK(funds == again);
    CHECK(funds == "funds");
    CHECK(funds == std::string("funds"));
    CHECK(funds != "fund");
    CHECK(std::string(funds.c_str()) == "funds"); // NUL-terminated
    // A unique copy is another handle with the same content: equal, same order, same hash.
    const Text copy = Text::unique("funds");
    CHECK(copy.handle() != funds.handle());
    CHECK(copy == funds);
    CHECK(std::hash<Text>{}(copy) == std::hash<Text>{}(funds));
    CHECK((copy <=> funds) == std::strong_ordering::equal);

    // Order is the bytes' order, as for std::string (UTF-8 included).
    std::vector<std::string> words = {"b", "a", "ab", "", "\xd9\x85", "B", "a\x01"};
    std::vector<Text> texts(words.begin(), words.end());
    std::sort(words.begin(), words.end());
    std::sort(texts.begin(), texts.end());
    REQUIRE(texts.size() == words.size());
    for (std::size_t idx = 0; idx < words.size(); ++idx) {
        CHECK(texts[idx] == words[idx]);
    }
    CHECK(fmt::format("[{:>6}]", funds) == "[ funds]");
    CHECK("x" + funds == "xfunds");
    std::map<std::string, int> by_name;
    by_name[funds] = 1; // a Text keys std::string maps
    CHECK(by_name.at("funds") == 1);
}

TEST_CASE("texts keep embedded NULs, every length, and whole megabytes", "[graph][text]") {
    const std::string with_nul("a\0b", 3);
    CHECK(Text(with_nul).view() == with_nul);
    CHECK(Text(with_nul) != "a");
    // Lengths around the 8-byte record alignment.
    for (std::size_t length = 1; length < 40; ++length) {
        const std::string text(length, static_cast<char>('a' + length % 26));
        CHECK(Text(text).view() == text);
        CHECK(Text::unique(text).view() == text);
    }
    // Larger than a pool chunk (8 MiB): it gets a chunk of its own, and texts after it
    // are still right.
    std::string huge(9u << 20, 'x');
    huge.back() = 'y';
    const Text big = Text::unique(huge);
    const Text after("after the huge one");
    CHECK(big.size() == huge.size());
    CHECK(big.view() == huge);
    CHECK(after == "after the huge one");
}

TEST_CASE("texts made on other threads read the same everywhere", "[graph][text]") {
    std::vector<std::vector<Text>> made(4);
    std::vector<std::thread> threads;
    for (std::size_t worker = 0; worker < made.size(); ++worker) {
        threads.emplace_back([&made, worker] {
            for (int number = 0; number < 20000; ++number) {
                made[worker].emplace_back(fmt::format("id{}", number));
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    for (const auto& texts : made) {
        for (int number = 0; number < 20000; ++number) {
            REQUIRE(texts[static_cast<std::size_t>(number)] == fmt::format("id{}", number));
        }
    }
    CHECK(made[0][123] == made[3][123]); // equal by content across threads' tables
}

TEST_CASE("pooled lists hold their items and compare by them", "[graph][text]") {
    const PooledList<Citation> none;
    CHECK(none.empty());
    CHECK(none.size() == 0);
    CHECK(none.begin() == none.end());
    std::vector<Citation> items = {{"doc", Text::unique("a quote"), ""}, {"other", "", "a note"}};
    const PooledList<Citation> list(items);
    REQUIRE(list.size() == 2);
    CHECK(list[0].source == "doc");
    CHECK(list[0].quote == "a quote");
    CHECK(list.back().note == "a note");
    CHECK(list.to_vector() == items);
    CHECK(list == PooledList<Citation>(items));
    CHECK_FALSE(list == none);
    items.clear(); // the list is a copy in the pool
    CHECK(list.size() == 2);
}

TEST_CASE("an origin stands for the location it was made from", "[graph][text]") {
    const std::vector<SourceLocation> places = {
        {"maps/a.json", 0, 0, "/relations/12"},
        {"maps/a.json", 0, 0, "/relations/0"},
        {"maps/a.json", 0, 0, "/relations/007"}, // not a canonical index: kept as text
        {"maps/a.json", 0, 0, "/relations/4294967295"},
        {"maps/a.json", 0, 0, "/sources"},
        {"maps/a.json", 0, 0, ""},
        {"awards.csv", 17, 4, ""},
    };
    for (const auto& place : places) {
        const SourceLocation back = Origin(place).location();
        CHECK(back.file == place.file);
        CHECK(back.line == place.line);
        CHECK(back.column == place.column);
        CHECK(back.path == place.path);
    }
    CHECK(Origin(places[0]).index == 12);
    CHECK(Origin(places[0]).array == "/relations");
    CHECK(sizeof(Origin) == 20);
}

TEST_CASE("props allocate only when they hold something", "[graph][text]") {
    Props props;
    CHECK(props.empty());
    CHECK(props.begin() == props.end());
    CHECK(props.find("city") == props.end());
    props["city"] = PropValue{PropValue::Kind::String, "Austin"};
    Props copy = props; // a deep copy
    props["city"].text = "Boston";
    CHECK(copy.at("city").text == "Austin");
    CHECK(props.size() == 1);
    CHECK(props != copy);
    const Props from_map(PropMap{{"n", PropValue{PropValue::Kind::Number, "3"}}});
    CHECK(from_map.count("n") == 1);
    CHECK(Props(PropMap{}).empty());
    // The tie itself stays small: this is what makes 100 million ties fit in 24 GiB.
    CHECK(sizeof(Relation) <= 96);
}
