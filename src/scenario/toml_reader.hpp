#pragma once
/// Typed access to TOML tables that records every problem in the LoadContext
/// instead of throwing, so that one pass reports all of them.

#include <toml++/toml.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scenario/context.hpp"

namespace shockflow::scenario {

/// Whether a missing key is an error.
enum class Need { Optional, Required };

/// Where `node` starts in the file of `ctx`.
SourceLoc loc_of(const LoadContext& ctx, const toml::node& node);

/// "a string", "an integer", "a float", ... for "expected X (got Y)" messages.
std::string type_phrase(const toml::node& node);

/// Reads a finite number (an integer is accepted where a float is expected).
std::optional<double> read_number(LoadContext& ctx, const toml::node& node,
                                  const std::string& path);

/// Reads a string.
std::optional<std::string> read_string(LoadContext& ctx, const toml::node& node,
                                       const std::string& path);

/// Reports `path: expected WHAT (got a TYPE)` at `node`.
void type_error(LoadContext& ctx, const toml::node& node, const std::string& path,
                std::string_view what);

/// One TOML table with the key path that leads to it (`node[2]`, `policy.prestock`).
class TableReader {
public:
    /// Reports every key of `table` not in `allowed` right away, with a hint.
    TableReader(const toml::table& table, std::string path, LoadContext& ctx,
                std::span<const std::string_view> allowed);
    TableReader(const toml::table& table, std::string path, LoadContext& ctx,
                std::initializer_list<std::string_view> allowed)
        : TableReader(table, std::move(path), ctx,
                      std::span<const std::string_view>(allowed.begin(), allowed.size())) {}

    [[nodiscard]] LoadContext& ctx() const noexcept { return *ctx_; }
    [[nodiscard]] const toml::table& table() const noexcept { return *table_; }
    /// Key path of the table itself.
    [[nodiscard]] const std::string& path() const noexcept { return path_; }
    /// Key path of `key` inside the table.
    [[nodiscard]] std::string path(std::string_view key) const;
    /// Where the table starts.
    [[nodiscard]] SourceLoc loc() const { return loc_of(*ctx_, *table_); }
    /// Where the value of `key` starts, or the table if the key is absent.
    [[nodiscard]] SourceLoc loc(std::string_view key) const;
    [[nodiscard]] bool has(std::string_view key) const { return table_->contains(key); }

    /// The value of `key`; reports `missing required key` if needed and absent.
    const toml::node* node(std::string_view key, Need need = Need::Optional) const;
    std::optional<std::string> string(std::string_view key, Need need = Need::Optional) const;
    std::optional<double> number(std::string_view key, Need need = Need::Optional) const;
    std::optional<std::int64_t> integer(std::string_view key, Need need = Need::Optional) const;
    std::optional<bool> boolean(std::string_view key, Need need = Need::Optional) const;
    /// An array of strings; nullopt (and an error) if any element is not a string.
    std::optional<std::vector<std::string>> strings(std::string_view key,
                                                    Need need = Need::Optional) const;
    const toml::table* subtable(std::string_view key, Need need = Need::Optional) const;

    /// Reports `path(key): MESSAGE` at the value of `key`.
    void error(std::string_view key, std::string_view message) const;

private:
    const toml::table* table_;
    std::string path_;
    LoadContext* ctx_;
};

/// `{ key = number }` entries of an inline table, in file order, with locations.
struct NumberEntry {
    std::string key;
    double value = 0.0;
    SourceLoc loc;      ///< of the value
    SourceLoc key_loc;  ///< of the key: unknown names are reported here
};

/// Reads a table of numbers such as `capacity = { food = 3 }` (type errors
/// reported; range and reference checks are left to the caller).
std::vector<NumberEntry> read_number_table(LoadContext& ctx, const toml::table& table,
                                           const std::string& path);

/// Where a key (not its value) is written.
SourceLoc key_loc(const LoadContext& ctx, const toml::key& key);

/// Entries of `table` sorted by where their keys are written, so that results
/// and reports follow the file (toml++ iterates keys alphabetically).
std::vector<std::pair<const toml::key*, const toml::node*>> entries_in_file_order(
    const toml::table& table);

}  // namespace shockflow::scenario
