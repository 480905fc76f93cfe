#include "tests/graph/tiny_map.hpp"

#include <catch2/catch.hpp>

namespace powermap::tests {

TinyMap::TinyMap() {
    graph::RelationType tie;
    tie.id = "tie";
    tie.wording = {"is tied to", "is tied from"};
    builder_.put_relation_type(tie);
    graph::RelationType link;
    link.id = "link";
    link.wording = {"is linked with", "is linked with"};
    link.directed = false;
    builder_.put_relation_type(link);
    graph::RelationType feeds;
    feeds.id = "feeds";
    feeds.wording = {"feeds", "is fed by"};
    feeds.supply = true;
    builder_.put_relation_type(feeds);
    graph::RelationType pipe;
    pipe.id = "pipe";
    pipe.wording = {"is piped to", "is piped to"};
    pipe.supply = true;
    pipe.directed = false;
    builder_.put_relation_type(pipe);
}

TinyMap& TinyMap::entity(const std::string& id, const std::string& type) {
    graph::Entity entity;
    entity.id = id;
    entity.type = type;
    entity.name = id;
    builder_.add_entity(std::move(entity));
    return *this;
}

TinyMap& TinyMap::tie(const std::string& from, const std::string& type, const std::string& to,
                      double amount, const std::string& start, const std::string& end,
                      const std::string& currency) {
    graph::Relation relation;
    relation.from = from;
    relation.to = to;
    relation.type = type;
    if (amount != 0) {
        relation.amount = graph::Amount{amount, currency};
    }
    relation.start = start;
    relation.end = end;
    builder_.add_relation(std::move(relation));
    return *this;
}

TinyMap& TinyMap::subsidiary(const std::string& from, const std::string& to) {
    graph::Relation relation;
    relation.from = from;
    relation.to = to;
    relation.type = "part_of";
    relation.role = "subsidiary";
    builder_.add_relation(std::move(relation));
    return *this;
}

std::unique_ptr<graph::EntityGraph> TinyMap::build() {
    graph::BuildOptions options;
    options.check_quotes = false;
    options.warn_uncited = false;
    auto result = std::move(builder_).build(options);
    for (const auto& diagnostic : result.diagnostics) {
        INFO(format_diagnostic(diagnostic));
        CHECK(diagnostic.severity != Severity::Error);
    }
    REQUIRE(result.graph);
    return std::move(result.graph);
}

} // namespace powermap::tests
