// Small helpers shared by the RapidJSON-based writers (native JSON, node-link, Cytoscape,
// FtM, interop). Include only from .cpp files under io/.
#pragma once

#include <string_view>

#include <rapidjson/rapidjson.h>

namespace powermap::io::detail {

/// Writes `text` as a JSON string (or an object key, which RapidJSON writes the same way).
template <typename Writer>
void put(Writer& writer, std::string_view text) {
    writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

/// Writes `"key": "value"`, or nothing when `value` is empty.
template <typename Writer>
void put_field(Writer& writer, const char* key, std::string_view value) {
    if (value.empty()) {
        return;
    }
    writer.Key(key);
    put(writer, value);
}

} // namespace powermap::io::detail
