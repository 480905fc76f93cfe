#include "io/diagrams/graphviz_errors.hpp"

#include <graphviz/cgraph.h>

namespace powermap::io::detail {

namespace {

// Graphviz calls back with pieces ("Error", ": ", the text); they are joined here.
std::string& buffer() {
    static std::string text;
    return text;
}

int collect(char* piece) {
    buffer() += piece;
    return 0;
}

} // namespace

GraphvizMessages::GraphvizMessages()
    : previous_(reinterpret_cast<void*>(agseterrf(collect))),
      previous_level_(static_cast<int>(agseterr(AGWARN))) {
    buffer().clear();
    agreseterrors();
}

GraphvizMessages::~GraphvizMessages() {
    agseterrf(reinterpret_cast<agusererrf>(previous_));
    agseterr(static_cast<agerrlevel_t>(previous_level_));
    buffer().clear();
}

std::vector<std::string> GraphvizMessages::take() {
    std::vector<std::string> lines;
    std::string line;
    for (char c : buffer()) {
        if (c == '\n') {
            if (!line.empty()) {
                lines.push_back(std::move(line));
            }
            line.clear();
        } else {
            line += c;
        }
    }
    if (!line.empty()) {
        lines.push_back(std::move(line));
    }
    buffer().clear();
    return lines;
}

} // namespace powermap::io::detail
