// Parsing JSON that may be hostile, for every reader in io/: a SAX filter in front of
// RapidJSON's handler that stops the parse at the depth limit (so the recursive parser,
// and the recursive copies and writers of the values it built, never go deeper than
// max_depth_ceiling levels: well inside a thread's stack, tested under ASan) and can note
// keys repeated in an object. RapidJSON's iterative mode would need no limit for the parse
// itself, but the values it builds are still copied and written by recursion, and it
// cost 13% more instructions on a streamed map; the limit covers both. RapidJSON stays
// inside io/.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/reader.h>

#include "graph/diagnostics.hpp"
#include "io/detail/json_numbers.hpp"

namespace powermap::io::detail {

/// A text in memory, not necessarily NUL-terminated. RapidJSON parses a string, key or
/// number on a copy of this stream and assigns it back afterwards, so in a handler Tell()
/// is where that token begins (with rapidjson::MemoryStream or FileReadStream it is just
/// past it); a bracket or literal is taken first either way, so there Tell() is past it.
class ViewStream {
public:
    using Ch = char;
    explicit ViewStream(std::string_view text)
        : begin_(text.data()), current_(text.data()), end_(text.data() + text.size()) {}
    [[nodiscard]] Ch Peek() const { return current_ < end_ ? *current_ : '\0'; }
    Ch Take() { return current_ < end_ ? *current_++ : '\0'; }
    [[nodiscard]] std::size_t Tell() const { return static_cast<std::size_t>(current_ - begin_); }
    // Output is never used; RapidJSON's stream concept asks for it.
    Ch* PutBegin() { return nullptr; }
    void Put(Ch) {}
    void Flush() {}
    std::size_t PutEnd(Ch*) { return 0; }

private:
    const char* begin_;
    const char* current_;
    const char* end_;
};

} // namespace powermap::io::detail

namespace rapidjson {
template <>
struct StreamTraits<powermap::io::detail::ViewStream> {
    enum { copyOptimization = 1 };
};
} // namespace rapidjson

namespace powermap::io::detail {

/// A key that appears twice in one object: where each occurrence starts, or (with a
/// stream that is not copy-optimized, see GuardReport::key_offsets_at_end) ends.
struct RepeatedKey {
    std::string key;
    std::size_t offset = 0;
    std::size_t first_offset = 0;
};

/// The error for a key given twice in one object, whatever its values: JSON tools disagree
/// on which one counts (RapidJSON and so powermap keep the first, Python and jq the last),
/// so the same file would mean different things to different tools.
inline Diagnostic repeated_key_problem(SourceLocation at, std::string_view key,
                                       SourceLocation first) {
    return {Severity::Error, std::move(at),
            fmt::format("key '{}' appears twice in one object", key),
            "keep one of them (JSON tools disagree on which one counts); the first is at",
            std::move(first)};
}

/// What stopped a guarded parse besides a syntax error.
struct GuardReport {
    bool too_deep = false;
    std::size_t deep_offset = 0; ///< the bracket that went one level too deep
    std::vector<RepeatedKey> repeated;
    /// Whether the offsets of `repeated` are just past the keys' closing quotes.
    bool key_offsets_at_end = false;
    std::size_t repeated_unlisted = 0; ///< repeats beyond the first max_listed
    static constexpr std::size_t max_listed = 1000;
};

/// Forwards SAX events to `inner`, stopping the parse (the handler returns false) at the
/// first object or list nested deeper than `max_depth`, and, when `track_keys`, noting each
/// key repeated within one object.
template <typename Handler, typename Stream>
class JsonGuard {
public:
    JsonGuard(Handler& inner, const Stream& stream, std::uint32_t max_depth, bool track_keys,
              GuardReport& report)
        : inner_(inner), stream_(stream), max_depth_(max_depth), track_keys_(track_keys),
          report_(report) {
        report_.key_offsets_at_end = rapidjson::StreamTraits<Stream>::copyOptimization == 0;
    }

    bool Null() { return inner_.Null(); }
    bool Bool(bool flag) { return inner_.Bool(flag); }
    bool Int(int number) { return inner_.Int(number); }
    bool Uint(unsigned number) { return inner_.Uint(number); }
    bool Int64(std::int64_t number) { return inner_.Int64(number); }
    bool Uint64(std::uint64_t number) { return inner_.Uint64(number); }
    bool Double(double number) { return inner_.Double(number); }
    /// guarded_parse has RapidJSON hand over each number as text: it is converted here,
    /// exactly (see json_numbers.hpp), and `inner` gets the typed event.
    bool RawNumber(const char* text, rapidjson::SizeType length, bool /*copy*/) {
        return send_number(inner_, std::string_view(text, length));
    }
    bool String(const char* text, rapidjson::SizeType length, bool copy) {
        return inner_.String(text, length, copy);
    }
    bool StartObject() {
        if (!deeper()) {
            return false;
        }
        if (track_keys_) {
            frames_.push_back({prints_.size(), nullptr});
        }
        return inner_.StartObject();
    }
    bool Key(const char* text, rapidjson::SizeType length, bool copy) {
        if (track_keys_) {
            note_key(std::string_view(text, length));
        }
        return inner_.Key(text, length, copy);
    }
    bool EndObject(rapidjson::SizeType count) {
        --depth_;
        if (track_keys_) {
            prints_.resize(frames_.back().first);
            frames_.pop_back();
        }
        return inner_.EndObject(count);
    }
    bool StartArray() { return deeper() && inner_.StartArray(); }
    bool EndArray(rapidjson::SizeType count) {
        --depth_;
        return inner_.EndArray(count);
    }

private:
    bool deeper() {
        if (++depth_ > max_depth_) {
            report_.too_deep = true;
            report_.deep_offset = stream_.Tell() - 1; // just past the bracket
            return false;
        }
        return true;
    }

    /// A key's stand-in, with the offset of the key: up to 16 bytes held exactly (with the
    /// length), longer keys as 16 bytes and the hash of the rest. Two keys of one object
    /// that differ only after their 16th byte and share that hash would be taken for a
    /// repeat: odds of about n^2 / 2^65 for n such keys.
    struct Print {
        std::uint64_t head[2] = {0, 0};
        std::uint64_t rest = 0; ///< the length, or the hash of the bytes past the 16th
        std::size_t offset = 0;
        bool operator==(const Print& other) const {
            return head[0] == other.head[0] && head[1] == other.head[1] && rest == other.rest;
        }
    };
    struct PrintHash {
        std::size_t operator()(const Print& print) const {
            return static_cast<std::size_t>(print.head[0] * 0x9E3779B97F4A7C15ull ^ print.head[1] ^
                                            (print.rest << 1));
        }
    };
    /// Fixed-size loads only (overlapping ones for short keys), so no call to memcpy.
    static Print print_of(std::string_view key, std::size_t offset) {
        Print print;
        print.offset = offset;
        const char* bytes = key.data();
        const std::size_t size = key.size();
        print.rest = size;
        if (size >= 8 && size <= 16) {
            std::memcpy(&print.head[0], bytes, 8);
            std::memcpy(&print.head[1], bytes + size - 8, 8);
        } else if (size >= 4 && size < 8) {
            std::uint32_t first = 0;
            std::uint32_t last = 0;
            std::memcpy(&first, bytes, 4);
            std::memcpy(&last, bytes + size - 4, 4);
            print.head[0] = first | static_cast<std::uint64_t>(last) << 32;
        } else if (size < 4) {
            for (std::size_t idx = 0; idx < size; ++idx) {
                print.head[0] |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[idx]))
                                 << (8 * idx);
            }
        } else {
            std::memcpy(print.head, bytes, 16);
            print.rest = std::hash<std::string_view>{}(key.substr(16)) | std::uint64_t{1} << 63;
        }
        return print;
    }

    /// The keys of the open objects are kept as prints with their offsets (no copy of the
    /// text, so a stream of small objects allocates nothing once warm); an object with
    /// many keys gets a hash index.
    void note_key(std::string_view key) {
        Frame& frame = frames_.back();
        const Print print = print_of(key, stream_.Tell());
        std::size_t first = npos;
        if (frame.index) {
            if (auto found = frame.index->find(print); found != frame.index->end()) {
                first = found->second;
            }
        } else {
            for (std::size_t slot = frame.first; slot < prints_.size(); ++slot) {
                if (prints_[slot] == print) {
                    first = slot;
                    break;
                }
            }
        }
        if (first != npos) {
            if (report_.repeated.size() < GuardReport::max_listed) {
                report_.repeated.push_back({std::string(key), print.offset, prints_[first].offset});
            } else {
                ++report_.repeated_unlisted;
            }
            return; // the first one stays the one remembered
        }
        prints_.push_back(print);
        if (frame.index) {
            frame.index->emplace(print, prints_.size() - 1);
        } else if (prints_.size() - frame.first > indexed_from) {
            frame.index = std::make_unique<std::unordered_map<Print, std::size_t, PrintHash>>();
            for (std::size_t slot = frame.first; slot < prints_.size(); ++slot) {
                frame.index->emplace(prints_[slot], slot);
            }
        }
    }

    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
    static constexpr std::size_t indexed_from = 32;
    struct Frame {
        std::size_t first; ///< its first key in prints_
        std::unique_ptr<std::unordered_map<Print, std::size_t, PrintHash>> index;
    };

    Handler& inner_;
    const Stream& stream_;
    std::uint32_t max_depth_;
    bool track_keys_;
    GuardReport& report_;
    std::uint32_t depth_ = 0;
    std::vector<Print> prints_; ///< keys of the open objects, innermost last
    std::vector<Frame> frames_;
};

/// Parses `stream` into `handler` through a JsonGuard. Numbers always reach `handler`
/// converted by std::from_chars, whatever `Flags` say of precision: RapidJSON 1.1's own
/// full-precision conversion reads 0.0e100 as 6.5e296, and its normal one is off by a few
/// units in the last place.
template <unsigned Flags, typename Stream, typename Handler>
rapidjson::ParseResult guarded_parse(Stream& stream, Handler& handler, std::uint32_t max_depth,
                                     bool track_keys, GuardReport& report) {
    constexpr unsigned flags = (Flags | rapidjson::kParseNumbersAsStringsFlag) &
                               ~static_cast<unsigned>(rapidjson::kParseFullPrecisionFlag);
    JsonGuard<Handler, Stream> guard(handler, stream, max_depth, track_keys, report);
    rapidjson::Reader reader;
    return reader.Parse<flags>(stream, guard);
}

/// Parses `text` into `doc` within `max_depth`. On failure `doc` is left null and the
/// result holds the error (kParseErrorTermination with report.too_deep for the limit).
template <unsigned Flags = rapidjson::kParseDefaultFlags>
rapidjson::ParseResult parse_document(rapidjson::Document& doc, std::string_view text,
                                      std::uint32_t max_depth, GuardReport& report,
                                      bool track_keys = false) {
    ViewStream stream(text);
    rapidjson::ParseResult result;
    auto generate = [&](rapidjson::Document& handler) {
        result = guarded_parse<Flags>(stream, handler, max_depth, track_keys, report);
        return !result.IsError();
    };
    doc.SetNull();
    doc.Populate(generate);
    if (!result.IsError()) {
        // Only whitespace may follow the value, as Document::Parse checks.
        while (stream.Peek() == ' ' || stream.Peek() == '\n' || stream.Peek() == '\r' ||
               stream.Peek() == '\t') {
            stream.Take();
        }
        if (stream.Tell() < text.size()) {
            doc.SetNull();
            result.Set(rapidjson::kParseErrorDocumentRootNotSingular, stream.Tell());
        }
    }
    return result;
}

/// Where the JSON string that ends just before `end` (its closing quote at end - 1) opens,
/// given the bytes of `window`, which start at offset `window_start` and reach `end`:
/// the nearest earlier quote not escaped by an odd run of backslashes (a string holds no
/// other quote). nullopt when the window does not reach back far enough to tell.
inline std::optional<std::size_t> string_start(std::string_view window, std::size_t window_start,
                                               std::size_t end) {
    if (end < window_start + 2 || end > window_start + window.size()) {
        return std::nullopt;
    }
    for (std::size_t at = end - 1; at-- > window_start;) {
        if (window[at - window_start] != '"') {
            continue;
        }
        std::size_t slashes = 0;
        while (at - slashes > window_start && window[at - slashes - 1 - window_start] == '\\') {
            ++slashes;
        }
        if (at - slashes == window_start && window_start > 0) {
            return std::nullopt; // backslashes may go on before the window
        }
        if (slashes % 2 == 0) {
            return at;
        }
    }
    return std::nullopt;
}

/// The same with the default depth limit and no key tracking: for small JSON held in
/// cells and attributes, where too deep simply means "not JSON".
inline bool parse_small_json(rapidjson::Document& doc, std::string_view text,
                             std::uint32_t max_depth) {
    GuardReport report;
    return !parse_document(doc, text, max_depth, report).IsError();
}

} // namespace powermap::io::detail
