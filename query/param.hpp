// Parameters of queries, declared once: name, kind, default, allowed range or set, help.
// Every front end binds its input (CLI options, later an HTTP query string or Python
// keyword arguments) from these declarations, and every value is checked here, so a bad
// value gets the same error text whichever front end passed it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace powermap::query {

enum class ParamKind {
    Flag,   ///< present or not ("true"/"false" as text)
    Count,  ///< a whole number in [min, max]
    Real,   ///< a finite number in [min, max]
    Text,   ///< any text (an entity, a selector, a date: the query gives it its meaning)
    Choice, ///< one of `choices`
    List,   ///< texts separated by commas ("TYPE,...")
};

struct Param {
    std::string name; ///< as the CLI spells it: "--damping", or "FROM" when positional
    ParamKind kind = ParamKind::Text;
    std::string help;
    std::string default_value; ///< as text; empty: none (a flag defaults to false)
    double min = 0;            ///< Real: the allowed range
    double max = 0;
    std::uint64_t count_min = 0; ///< Count: the allowed range
    std::uint64_t count_max = 0;
    std::vector<std::string> choices; ///< Choice
    std::string type_name;            ///< shown in help: "TYPE,...", "DATE", "EPS"
    bool positional = false;
    bool required = false;
    bool show_default = false;         ///< help prints the default
    std::vector<std::string> excludes; ///< names of params that may not be given with it
    std::vector<std::string> needs;    ///< names of params it requires

    [[nodiscard]] bool is_list() const { return kind == ParamKind::List; }
};

/// A required positional parameter naming one entity (an id, name or alias the query
/// resolves with Session::resolve): ENTITY, FROM, TO.
[[nodiscard]] Param entity_param(std::string name, std::string help);

/// What is wrong with `text` as a value of `param` ("must be a number from 0 to 1, not
/// '2'"), or nullopt when it is a good value.
[[nodiscard]] std::optional<std::string> value_problem(const Param& param, std::string_view text);

/// "must be a whole number from MIN to MAX, not 'TEXT'" unless `text` is one.
[[nodiscard]] std::optional<std::string> whole_number_problem(std::uint64_t min, std::uint64_t max,
                                                              std::string_view text);
/// "must be a number from MIN to MAX, not 'TEXT'" unless `text` is a finite one (decimal or
/// exponent notation, an optional '+').
[[nodiscard]] std::optional<std::string> real_number_problem(double min, double max,
                                                             std::string_view text);

/// The values of one query's parameters: given ones checked, the rest at their defaults.
class Arguments {
public:
    explicit Arguments(const std::vector<Param>& params);

    /// Sets `name` from text (a List takes one item, or several joined by commas; repeated
    /// calls append). Throws powermap::Error "NAME must be ..." for a bad value, or
    /// "unknown parameter" with a did-you-mean for a name the query does not have.
    void set(std::string_view name, std::string_view text);
    /// Checks what set() cannot see alone: required params, excludes and needs. Throws.
    void check() const;

    /// Whether the query declares `name`.
    [[nodiscard]] bool declares(std::string_view name) const;
    /// Whether `name` was set (a declared parameter left at its default is not given).
    [[nodiscard]] bool given(std::string_view name) const;
    [[nodiscard]] bool flag(std::string_view name) const;
    [[nodiscard]] std::uint64_t count(std::string_view name) const;
    [[nodiscard]] double real(std::string_view name) const;
    [[nodiscard]] const std::string& text(std::string_view name) const;
    [[nodiscard]] const std::vector<std::string>& list(std::string_view name) const;

private:
    struct Value {
        const Param* param = nullptr;
        bool given = false;
        std::string text;
        std::vector<std::string> items;
    };
    const Value& value(std::string_view name) const;
    std::map<std::string, Value, std::less<>> values_;
};

} // namespace powermap::query
