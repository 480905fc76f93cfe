// Graphviz reports problems through one process-wide callback (agseterrf). This guard
// routes them into a list for the time it lives, then restores what was there, so no
// Graphviz message reaches the terminal unasked. Graphviz is not thread-safe; neither is this.
#pragma once

#include <string>
#include <vector>

namespace powermap::io::detail {

class GraphvizMessages {
public:
    GraphvizMessages();
    ~GraphvizMessages();
    GraphvizMessages(const GraphvizMessages&) = delete;
    GraphvizMessages& operator=(const GraphvizMessages&) = delete;

    /// Each message Graphviz gave, one per line, with its "Error: " / "Warning: " prefix.
    [[nodiscard]] std::vector<std::string> take();

private:
    void* previous_;
    int previous_level_;
};

} // namespace powermap::io::detail
