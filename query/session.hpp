// A loaded map and what queries need of it (the analytics view, the name index), each
// built once on first use. Front ends keep one Session per map: the CLI for one command,
// a server for its lifetime (reload() when the file changes).
//
// Reloading and the text pool: the strings of a map live in graph/'s process-wide,
// append-only text pool, interned per thread and never freed (a Text copied out of a graph
// may outlive it). Reloading the same content on the same thread finds every string
// already interned and adds nothing; a changed file adds only its new strings. So a server
// that reloads a file every few minutes grows by what the file gained, not by its size,
// provided it reloads on one thread (each thread keeps its own interning table; reloads
// spread over many threads may store a string once per thread). A reloaded snapshot (.pmap)
// maps its string chunks again, and these are not freed either: reload a .pmap only when it
// changed.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "graph/analytics_view.hpp"
#include "graph/lookup.hpp"
#include "io/native/map_loader.hpp"

namespace powermap::query {

class Session {
public:
    /// A session over `paths` (empty: the built-in sample), loaded on first use.
    explicit Session(std::vector<std::string> paths = {}, io::LoadOptions options = {});

    /// The map as loaded, with its diagnostics (which may include errors: callers decide).
    io::LoadedMap& loaded();
    [[nodiscard]] const graph::EntityGraph& graph() { return *loaded().graph; }
    const graph::NameIndex& names();
    const graph::AnalyticsView& view();
    /// Seconds spent building the view (0 until view() has run).
    [[nodiscard]] double view_seconds() const { return view_seconds_; }
    [[nodiscard]] bool view_built() const { return view_ != nullptr; }
    /// What a user typed (id, name or alias, any language) -> one entity; throws
    /// powermap::Error with candidates.
    graph::EntityIndex resolve(std::string_view text);
    /// Drops the loaded map, its view and its index; the next use reads the files again.
    void reload();

    [[nodiscard]] const std::vector<std::string>& paths() const { return paths_; }
    [[nodiscard]] const io::LoadOptions& options() const { return options_; }

private:
    std::vector<std::string> paths_;
    io::LoadOptions options_;
    std::unique_ptr<io::LoadedMap> loaded_;
    std::unique_ptr<graph::NameIndex> names_;
    std::unique_ptr<graph::AnalyticsView> view_;
    double view_seconds_ = 0;
};

} // namespace powermap::query
