// A small streaming JSON writer for command results (RapidJSON inside), so cli/ can
// print --format json without knowing the JSON library.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace powermap::io {

class JsonOut {
public:
    /// `pretty`: two-space indentation; otherwise one line (JSON lines).
    explicit JsonOut(bool pretty = true);
    ~JsonOut();
    JsonOut(const JsonOut&) = delete;
    JsonOut& operator=(const JsonOut&) = delete;

    JsonOut& begin_object();
    JsonOut& end_object();
    JsonOut& begin_array();
    JsonOut& end_array();
    JsonOut& key(std::string_view name);
    JsonOut& string(std::string_view value);
    JsonOut& number(double value);
    JsonOut& integer(std::int64_t value);
    JsonOut& boolean(bool value);
    JsonOut& null();
    /// key(name).string(value), skipped when value is empty.
    JsonOut& field(std::string_view name, std::string_view value);

    /// The document so far, with a final newline.
    [[nodiscard]] std::string str() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace powermap::io
