#include "io/native/json_output.hpp"

#include <cmath>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

namespace powermap::io {

struct JsonOut::Impl {
    bool pretty = true;
    rapidjson::StringBuffer buffer;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> writer{buffer};
};

JsonOut::JsonOut(bool pretty) : impl_(std::make_unique<Impl>()) {
    // Compact output is the pretty form with no indentation; callers that want one line
    // drop the newlines (see str()).
    impl_->writer.SetIndent(' ', pretty ? 2 : 0);
    impl_->pretty = pretty;
}
JsonOut::~JsonOut() = default;

JsonOut& JsonOut::begin_object() {
    impl_->writer.StartObject();
    return *this;
}
JsonOut& JsonOut::end_object() {
    impl_->writer.EndObject();
    return *this;
}
JsonOut& JsonOut::begin_array() {
    impl_->writer.StartArray();
    return *this;
}
JsonOut& JsonOut::end_array() {
    impl_->writer.EndArray();
    return *this;
}
JsonOut& JsonOut::key(std::string_view name) {
    impl_->writer.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
    return *this;
}
JsonOut& JsonOut::string(std::string_view value) {
    impl_->writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
    return *this;
}
JsonOut& JsonOut::number(double value) {
    if (!std::isfinite(value)) {
        impl_->writer.Null();
    } else if (std::floor(value) == value && std::fabs(value) < 9007199254740992.0) {
        impl_->writer.Int64(static_cast<std::int64_t>(value));
    } else {
        impl_->writer.Double(value);
    }
    return *this;
}
JsonOut& JsonOut::integer(std::int64_t value) {
    impl_->writer.Int64(value);
    return *this;
}
JsonOut& JsonOut::boolean(bool value) {
    impl_->writer.Bool(value);
    return *this;
}
JsonOut& JsonOut::null() {
    impl_->writer.Null();
    return *this;
}
JsonOut& JsonOut::field(std::string_view name, std::string_view value) {
    if (!value.empty()) {
        key(name).string(value);
    }
    return *this;
}

std::string JsonOut::str() const {
    std::string out;
    const std::string_view text(impl_->buffer.GetString(), impl_->buffer.GetSize());
    if (impl_->pretty) {
        out = text;
    } else {
        // Newlines inside strings are escaped by the writer, so every raw one is layout.
        for (char c : text) {
            if (c != '\n') {
                out += c;
            }
        }
    }
    out += '\n';
    return out;
}

} // namespace powermap::io
