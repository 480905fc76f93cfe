// Small maps built in code for graph tests: entities, ties and four extra relation types
// allowed between any entity types: "tie" (directed), "link" (undirected), "feeds" (a
// directed supply tie) and "pipe" (an undirected supply tie).
#pragma once

#include <memory>
#include <string>

#include "graph/entity_graph.hpp"

namespace powermap::tests {

class TinyMap {
public:
    TinyMap();
    TinyMap& entity(const std::string& id, const std::string& type = "entity");
    /// A relation of `type`; `amount` in `currency` when not zero.
    TinyMap& tie(const std::string& from, const std::string& type, const std::string& to,
                 double amount = 0, const std::string& start = {}, const std::string& end = {},
                 const std::string& currency = "USD");
    /// `from` is a subsidiary of `to`: a part_of tie with role "subsidiary".
    TinyMap& subsidiary(const std::string& from, const std::string& to);
    /// The frozen graph; fails the test when the map has errors.
    std::unique_ptr<graph::EntityGraph> build();

private:
    graph::EntityGraphBuilder builder_;
};

} // namespace powermap::tests
