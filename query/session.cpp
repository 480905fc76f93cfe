#include "query/session.hpp"

#include <chrono>

namespace powermap::query {

Session::Session(std::vector<std::string> paths, io::LoadOptions options)
    : paths_(std::move(paths)), options_(std::move(options)) {}

io::LoadedMap& Session::loaded() {
    if (!loaded_) {
        loaded_ = std::make_unique<io::LoadedMap>(io::load_maps(paths_, options_));
    }
    return *loaded_;
}

const graph::NameIndex& Session::names() {
    if (!names_) {
        names_ = std::make_unique<graph::NameIndex>(graph());
    }
    return *names_;
}

const graph::AnalyticsView& Session::view() {
    if (!view_) {
        const auto& built = graph();
        const auto start = std::chrono::steady_clock::now();
        auto& stored = loaded().view;
        if (stored) { // from a snapshot: adopt its arrays (checked) instead of rebuilding
            view_ = std::make_unique<graph::AnalyticsView>(built, *stored);
            stored.reset();
        } else {
            view_ = std::make_unique<graph::AnalyticsView>(built);
        }
        view_seconds_ =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    return *view_;
}

graph::EntityIndex Session::resolve(std::string_view text) {
    return graph::resolve_entity(graph(), names(), text);
}

void Session::reload() {
    // The view and the index point into the graph: drop them first.
    view_.reset();
    names_.reset();
    loaded_.reset();
    view_seconds_ = 0;
}

} // namespace powermap::query
