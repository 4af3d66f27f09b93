/// Typed TOML getters that turn every problem into a diagnostic.

#include "scenario/toml_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "scenario/text.hpp"

namespace shockflow::scenario {

SourceLoc loc_of(const LoadContext& ctx, const toml::node& node) {
    const toml::source_region& s = node.source();
    return ctx.at(s.path.get(), s.begin.line, s.begin.column);
}

SourceLoc key_loc(const LoadContext& ctx, const toml::key& key) {
    const toml::source_region& s = key.source();
    return ctx.at(s.path.get(), s.begin.line, s.begin.column);
}

std::string type_phrase(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::string:
            return "a string";
        case toml::node_type::integer:
            return "an integer";
        case toml::node_type::floating_point:
            return "a float";
        case toml::node_type::boolean:
            return "a boolean";
        case toml::node_type::table:
            return "a table";
        case toml::node_type::array:
            return "an array";
        case toml::node_type::date:
            return "a date";
        case toml::node_type::time:
            return "a time";
        case toml::node_type::date_time:
            return "a date-time";
        case toml::node_type::none:
            break;
    }
    return "nothing";
}

void type_error(LoadContext& ctx, const toml::node& node, const std::string& path,
                std::string_view what) {
    ctx.error(loc_of(ctx, node),
              fmt::format("{}: expected {} (got {})", path, what, type_phrase(node)));
}

std::optional<double> read_number(LoadContext& ctx, const toml::node& node,
                                  const std::string& path) {
    double v = 0.0;
    if (const auto* i = node.as_integer()) {
        v = static_cast<double>(i->get());
    } else if (const auto* f = node.as_floating_point()) {
        v = f->get();
    } else {
        type_error(ctx, node, path, "a number");
        return std::nullopt;
    }
    // TOML allows nan and inf literals; no quantity of this model may be either.
    if (!std::isfinite(v)) {
        ctx.error(loc_of(ctx, node),
                  fmt::format("{}: must be a finite number (got {})", path, num(v)));
        return std::nullopt;
    }
    return v;
}

std::optional<std::string> read_string(LoadContext& ctx, const toml::node& node,
                                       const std::string& path) {
    if (const auto* s = node.as_string()) return s->get();
    type_error(ctx, node, path, "a string");
    return std::nullopt;
}

std::vector<std::pair<const toml::key*, const toml::node*>> entries_in_file_order(
    const toml::table& table) {
    std::vector<std::pair<const toml::key*, const toml::node*>> entries;
    for (auto&& [key, value] : table) entries.emplace_back(&key, &value);
    std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        const auto& pa = a.first->source().begin;
        const auto& pb = b.first->source().begin;
        return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
    });
    return entries;
}

TableReader::TableReader(const toml::table& table, std::string path, LoadContext& ctx,
                         std::span<const std::string_view> allowed)
    : table_(&table), path_(std::move(path)), ctx_(&ctx) {
    const auto known = [&](std::string_view key) {
        return std::find(allowed.begin(), allowed.end(), key) != allowed.end();
    };
    // Most tables hold only known keys: sort and list them only if one is not.
    if (std::all_of(table.begin(), table.end(), [&](auto&& kv) { return known(kv.first.str()); })) {
        return;
    }
    const std::vector<std::string> names(allowed.begin(), allowed.end());
    for (const auto& [key, value] : entries_in_file_order(table)) {
        if (known(key->str())) continue;
        ctx.error(key_loc(ctx, *key),
                  fmt::format("{}: unknown key{}", this->path(escaped(key->str())),
                              expected_hint(key->str(), names)));
    }
}

std::string TableReader::path(std::string_view key) const {
    return path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
}

SourceLoc TableReader::loc(std::string_view key) const {
    const toml::node* n = table_->get(key);
    return n != nullptr ? loc_of(*ctx_, *n) : loc();
}

void TableReader::error(std::string_view key, std::string_view message) const {
    ctx_->error(loc(key), fmt::format("{}: {}", path(key), message));
}

const toml::node* TableReader::node(std::string_view key, Need need) const {
    const toml::node* n = table_->get(key);
    if (n == nullptr && need == Need::Required) {
        if (path_.empty()) {
            // A whole section is missing: no line to point at.
            ctx_->error(SourceLoc{ctx_->file()},
                        fmt::format("{}: missing required table [{}]", key, key));
        } else {
            ctx_->error(loc(), fmt::format("{}: missing required key \"{}\"", path_, key));
        }
    }
    return n;
}

std::optional<std::string> TableReader::string(std::string_view key, Need need) const {
    const toml::node* n = node(key, need);
    return n != nullptr ? read_string(*ctx_, *n, path(key)) : std::nullopt;
}

std::optional<double> TableReader::number(std::string_view key, Need need) const {
    const toml::node* n = node(key, need);
    return n != nullptr ? read_number(*ctx_, *n, path(key)) : std::nullopt;
}

std::optional<std::int64_t> TableReader::integer(std::string_view key, Need need) const {
    const toml::node* n = node(key, need);
    if (n == nullptr) return std::nullopt;
    if (const auto* i = n->as_integer()) return i->get();
    type_error(*ctx_, *n, path(key), "an integer");
    return std::nullopt;
}

std::optional<bool> TableReader::boolean(std::string_view key, Need need) const {
    const toml::node* n = node(key, need);
    if (n == nullptr) return std::nullopt;
    if (const auto* b = n->as_boolean()) return b->get();
    type_error(*ctx_, *n, path(key), "true or false");
    return std::nullopt;
}

std::optional<std::vector<std::string>> TableReader::strings(std::string_view key,
                                                             Need need) const {
    const toml::node* n = node(key, need);
    if (n == nullptr) return std::nullopt;
    const auto* array = n->as_array();
    if (array == nullptr) {
        type_error(*ctx_, *n, path(key), "an array of strings");
        return std::nullopt;
    }
    std::vector<std::string> out;
    bool ok = true;
    for (std::size_t i = 0; i < array->size(); ++i) {
        auto s = read_string(*ctx_, *array->get(i), fmt::format("{}[{}]", path(key), i));
        if (s) out.push_back(std::move(*s));
        ok = ok && s.has_value();
    }
    return ok ? std::optional(std::move(out)) : std::nullopt;
}

const toml::table* TableReader::subtable(std::string_view key, Need need) const {
    const toml::node* n = node(key, need);
    if (n == nullptr) return nullptr;
    if (const auto* t = n->as_table()) return t;
    type_error(*ctx_, *n, path(key), "a table");
    return nullptr;
}

std::vector<NumberEntry> read_number_table(LoadContext& ctx, const toml::table& table,
                                           const std::string& path) {
    std::vector<NumberEntry> out;
    for (const auto& [key, value] : entries_in_file_order(table)) {
        const std::string key_path = fmt::format("{}.{}", path, escaped(key->str()));
        if (auto v = read_number(ctx, *value, key_path)) {
            out.push_back(
                NumberEntry{std::string(key->str()), *v, loc_of(ctx, *value), key_loc(ctx, *key)});
        }
    }
    return out;
}

}  // namespace shockflow::scenario
