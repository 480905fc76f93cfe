#include "graph/algorithms/resolution/decisions.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <numeric>
#include <unordered_map>

#include <fmt/format.h>

namespace powermap::graph {

namespace {

constexpr std::string_view names[] = {"same", "different", "unsure"};

/// Union-find over ids numbered as they are first seen.
class Clusters {
public:
    std::size_t id(const std::string& text) {
        const auto [found, added] = number_.emplace(text, parent_.size());
        if (added) {
            parent_.push_back(parent_.size());
            ids_.push_back(text);
        }
        return found->second;
    }
    std::size_t root(std::size_t node) {
        while (parent_[node] != node) {
            parent_[node] = parent_[parent_[node]];
            node = parent_[node];
        }
        return node;
    }
    void join(std::size_t left, std::size_t right) {
        left = root(left);
        right = root(right);
        if (left != right) {
            parent_[std::max(left, right)] = std::min(left, right);
        }
    }
    [[nodiscard]] std::size_t size() const { return parent_.size(); }
    [[nodiscard]] const std::string& text(std::size_t node) const { return ids_[node]; }

private:
    std::unordered_map<std::string, std::size_t> number_;
    std::vector<std::size_t> parent_;
    std::vector<std::string> ids_;
};

} // namespace

std::string_view verdict_name(Verdict verdict) {
    return names[static_cast<int>(verdict)];
}

std::optional<Verdict> parse_verdict(std::string_view text) {
    for (int idx = 0; idx < 3; ++idx) {
        if (text == names[idx]) {
            return static_cast<Verdict>(idx);
        }
    }
    return std::nullopt;
}

DecisionClusters cluster_decisions(const std::vector<Decision>& decisions) {
    // The latest decision per unordered pair.
    std::map<std::pair<std::string, std::string>, const Decision*> latest;
    std::vector<std::pair<std::string, std::string>> order;
    for (const Decision& decision : decisions) {
        if (decision.a == decision.b) {
            continue; // the reader reports it
        }
        auto key = std::minmax(decision.a, decision.b);
        const auto [found, added] = latest.emplace(key, &decision);
        if (added) {
            order.push_back(key);
        } else {
            found->second = &decision;
        }
    }
    Clusters clusters;
    // The "same" decisions as an adjacency list, to explain a contradiction by its chain.
    std::vector<std::vector<std::pair<std::size_t, const Decision*>>> same_edges;
    DecisionClusters result;
    std::vector<const Decision*> different;
    for (const auto& key : order) {
        const Decision* decision = latest.at(key);
        if (decision->verdict == Verdict::Different) {
            different.push_back(decision);
            result.different.push_back(key);
            continue;
        }
        if (decision->verdict != Verdict::Same) {
            continue;
        }
        const std::size_t left = clusters.id(key.first);
        const std::size_t right = clusters.id(key.second);
        same_edges.resize(clusters.size());
        same_edges[left].emplace_back(right, decision);
        same_edges[right].emplace_back(left, decision);
        clusters.join(left, right);
    }
    // A chain of "same" decisions from one id to another (breadth first: the shortest).
    auto chain = [&](std::size_t from, std::size_t to) {
        std::vector<std::pair<std::size_t, const Decision*>> back(clusters.size(),
                                                                  {clusters.size(), nullptr});
        std::deque<std::size_t> queue{from};
        back[from] = {from, nullptr};
        while (!queue.empty() && back[to].second == nullptr) {
            const std::size_t node = queue.front();
            queue.pop_front();
            for (const auto& [next, decision] : same_edges[node]) {
                if (back[next].first == clusters.size()) {
                    back[next] = {node, decision};
                    queue.push_back(next);
                }
            }
        }
        std::vector<std::string> steps;
        for (std::size_t node = to; node != from; node = back[node].first) {
            const Decision* decision = back[node].second;
            steps.push_back(fmt::format("{} = {} (line {})", clusters.text(back[node].first),
                                        clusters.text(node), decision->origin.line));
        }
        std::reverse(steps.begin(), steps.end());
        return steps;
    };
    for (const Decision* decision : different) {
        const auto key = std::minmax(decision->a, decision->b);
        Clusters& c = clusters;
        const std::size_t size_before = c.size();
        const std::size_t left = c.id(key.first);
        const std::size_t right = c.id(key.second);
        if (c.size() != size_before) {
            same_edges.resize(c.size());
            continue; // one of them was in no "same" decision
        }
        if (c.root(left) == c.root(right)) {
            std::string steps;
            for (const auto& step : chain(left, right)) {
                steps += (steps.empty() ? "" : ", ") + step;
            }
            result.problems.push_back(
                {Severity::Error, decision->origin,
                 fmt::format("'{}' and '{}' are decided different here, but 'same' decisions make "
                             "them one entity: {}",
                             key.first, key.second, steps),
                 "remove or reverse one of these decisions (a later line replaces an earlier "
                 "one for the same pair)",
                 std::nullopt});
        }
    }
    // Clusters of two or more, sorted.
    std::map<std::size_t, std::vector<std::string>> by_root;
    std::map<std::size_t, std::vector<SourceLocation>> origins;
    for (std::size_t node = 0; node < clusters.size(); ++node) {
        by_root[clusters.root(node)].push_back(clusters.text(node));
    }
    for (const auto& key : order) {
        const Decision* decision = latest.at(key);
        if (decision->verdict == Verdict::Same) {
            origins[clusters.root(clusters.id(key.first))].push_back(decision->origin);
        }
    }
    std::vector<std::pair<std::vector<std::string>, std::vector<SourceLocation>>> sorted;
    for (auto& [root, members] : by_root) {
        if (members.size() < 2) {
            continue;
        }
        std::sort(members.begin(), members.end());
        sorted.emplace_back(std::move(members), std::move(origins[root]));
    }
    std::sort(sorted.begin(), sorted.end(),
              [](const auto& left, const auto& right) { return left.first < right.first; });
    for (auto& [members, where] : sorted) {
        result.same.push_back(std::move(members));
        result.same_origins.push_back(std::move(where));
    }
    return result;
}

} // namespace powermap::graph
