/// Overlays: a scenario that starts with `extends = "PATH"` is read over the
/// scenario of PATH. The chain is read from the top (the file given) down to
/// the base, then merged from the base up: [scenario], [model] and [network]
/// key by key, events by name, products by id, recipes by product, [policy]
/// as a whole; nodes and links become patches (overlay.hpp).

#include "scenario/overlay.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <system_error>
#include <utility>

#include "scenario/text.hpp"
#include "scenario/toml_reader.hpp"

namespace shockflow::scenario {

toml::table parse_named(const std::string& text, const std::string& name) {
    try {
        return toml::parse(text, std::string_view{name});
    } catch (const toml::parse_error& e) {
        throw ConfigError(SourceLoc{name, e.source().begin.line, e.source().begin.column},
                          fmt::format("invalid TOML: {}", printable(e.description())));
    }
}

Patch* Patches::take(std::vector<Patch>& list, std::string_view key) {
    if (key.empty()) return nullptr;
    for (Patch& p : list) {
        if (!p.used && p.key == key) {
            p.used = true;
            return &p;
        }
    }
    return nullptr;
}

Patch* Patches::take_link(std::string_view from, std::string_view to) {
    if (links.empty()) return nullptr;
    return take(links, fmt::format("{}->{}", from, to));
}

namespace {

/// Moves `value` into `into` under `key` (moving keeps its place in its file;
/// a copy would lose it).
void put(toml::table& into, const toml::key& key, toml::node& value) {
    value.visit([&](auto& v) { into.insert_or_assign(key, std::move(v)); });
}

void push(toml::array& into, toml::node& value) {
    value.visit([&](auto& v) { into.push_back(std::move(v)); });
}

}  // namespace

void merge_tables(toml::table& into, toml::table&& from) {
    for (auto&& [key, value] : from) {
        auto* sub = value.as_table();
        auto* dst = into.get_as<toml::table>(key.str());
        if (sub != nullptr && dst != nullptr) {
            merge_tables(*dst, std::move(*sub));
        } else {
            put(into, key, value);
        }
    }
}

namespace {

/// One file of a chain of overlays.
struct Layer {
    std::string file;  ///< as diagnostics name it
    toml::table table;
};

std::filesystem::path identity(const std::filesystem::path& p) {
    std::error_code ec;
    auto canonical = std::filesystem::weakly_canonical(p, ec);
    return ec ? std::filesystem::absolute(p, ec).lexically_normal() : canonical;
}

/// The files of the chain, the one given first and the base last.
std::vector<Layer> read_chain(const std::filesystem::path& file, LoadContext& ctx) {
    std::vector<Layer> chain;
    std::vector<std::filesystem::path> seen;
    std::filesystem::path current = file;
    const toml::node* via = nullptr;  // the `extends` that named `current`
    for (;;) {
        const auto text = ctx.read(current);
        if (!text && via == nullptr) {
            throw ConfigError(SourceLoc{ctx.file()}, "cannot open file: " + ctx.read_error());
        }
        if (!text) {
            throw ConfigError(loc_of(ctx, *via),
                              fmt::format("extends: cannot open file {}: {}",
                                          quoted_path(current.string()), ctx.read_error()));
        }
        seen.push_back(identity(current));
        chain.push_back(Layer{current.string(), parse_named(*text, current.string())});
        const toml::node* ext = chain.back().table.get("extends");
        if (ext == nullptr) return chain;
        const auto* name = ext->as_string();
        if (name == nullptr) {
            throw ConfigError(loc_of(ctx, *ext),
                              fmt::format("extends: expected a string, the path of the scenario "
                                          "this one changes (got {})",
                                          type_phrase(*ext)));
        }
        const auto next = (current.parent_path() / name->get()).lexically_normal();
        const auto at = std::find(seen.begin(), seen.end(), identity(next));
        if (at != seen.end()) {
            std::string cycle;
            for (auto i = static_cast<std::size_t>(at - seen.begin()); i < chain.size(); ++i) {
                cycle += chain[i].file + " -> ";
            }
            throw ConfigError(loc_of(ctx, *ext),
                              fmt::format("extends: {} closes a cycle of overlays ({}{})",
                                          quoted_path(name->get()), cycle,
                                          chain[static_cast<std::size_t>(at - seen.begin())].file));
        }
        via = ext;
        current = next;
    }
}

std::optional<std::string> string_at(const toml::table& t, std::string_view key) {
    if (const auto* s = t.get_as<std::string>(key)) return s->get();
    return std::nullopt;
}

/// Position of the event named `name` in `events`.
std::optional<std::size_t> find_named(const toml::array& events, std::string_view name) {
    for (std::size_t i = 0; i < events.size(); ++i) {
        const auto* t = events.get(i)->as_table();
        if (t != nullptr && string_at(*t, "name") == name) return i;
    }
    return std::nullopt;
}

std::vector<std::string> event_names(const toml::array* events) {
    std::vector<std::string> names;
    if (events == nullptr) return names;
    for (const auto& e : *events) {
        if (const auto* t = e.as_table()) {
            if (auto n = string_at(*t, "name")) names.push_back(*n);
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

void remove_events(toml::table& root, const toml::node& list, LoadContext& ctx) {
    const auto* names = list.as_array();
    if (names == nullptr) {
        type_error(ctx, list, "remove_events", "an array of event names");
        return;
    }
    auto* events = root.get_as<toml::array>("event");
    for (std::size_t i = 0; i < names->size(); ++i) {
        const std::string path = fmt::format("remove_events[{}]", i);
        const auto name = read_string(ctx, *names->get(i), path);
        if (!name) continue;
        const auto at = events != nullptr ? find_named(*events, *name) : std::nullopt;
        if (!at) {
            ctx.error(loc_of(ctx, *names->get(i)),
                      fmt::format("{}: no event is named {}{}", path, in_quotes(*name),
                                  unknown_hint(*name, event_names(events))));
            continue;
        }
        events->erase(events->cbegin() + static_cast<std::ptrdiff_t>(*at));
    }
}

/// Reports a second table of one file for the same thing (`what` names it).
bool first_in_file(std::vector<std::string>& seen, const std::string& key, const toml::node& at,
                   const std::string& path, std::string_view what, LoadContext& ctx) {
    if (std::find(seen.begin(), seen.end(), key) == seen.end()) {
        seen.push_back(key);
        return true;
    }
    ctx.error(loc_of(ctx, at),
              fmt::format("{}: a second table for {} {} in this file", path, what, in_quotes(key)));
    return false;
}

/// Events of an overlay: one named as an event before replaces it in its
/// place; the others come after.
void merge_events(toml::table& root, toml::array& added, LoadContext& ctx) {
    auto* events = root.get_as<toml::array>("event");
    if (events == nullptr && !root.contains("event")) {
        root.insert("event", toml::array{});
        events = root.get_as<toml::array>("event");
    }
    if (events == nullptr) return;  // the base's `event` is no array: reported there
    std::vector<std::string> seen;
    for (std::size_t i = 0; i < added.size(); ++i) {
        toml::node& item = *added.get(i);
        const auto* t = item.as_table();
        const auto name = t != nullptr ? string_at(*t, "name") : std::nullopt;
        if (name) {
            const std::string path = fmt::format("event[{}].name", i);
            if (!first_in_file(seen, *name, *t->get("name"), path, "the event", ctx)) continue;
            if (const auto at = find_named(*events, *name)) {
                events->replace(events->cbegin() + static_cast<std::ptrdiff_t>(*at),
                                std::move(*item.as_table()));
                continue;
            }
        }
        push(*events, item);
    }
}

/// Products (by `id`, keys merged) and recipes (by `product`, replaced).
void merge_keyed(toml::table& root, std::string_view section, std::string_view id_key,
                 bool merge_keys, toml::array& added) {
    auto* list = root.get_as<toml::array>(section);
    if (list == nullptr && !root.contains(section)) {
        root.insert(section, toml::array{});
        list = root.get_as<toml::array>(section);
    }
    if (list == nullptr) return;
    for (auto& item : added) {
        auto* t = item.as_table();
        const auto id = t != nullptr ? string_at(*t, id_key) : std::nullopt;
        toml::table* old = nullptr;
        for (std::size_t i = 0; id && old == nullptr && i < list->size(); ++i) {
            auto* o = list->get(i)->as_table();
            if (o != nullptr && string_at(*o, id_key) == id) old = o;
        }
        if (old == nullptr) {
            push(*list, item);
        } else if (merge_keys) {
            merge_tables(*old, std::move(*t));
        } else {
            *old = std::move(*t);
        }
    }
}

/// The key of a node's or link's table: its id, or `FROM->TO`; "" if not written.
std::string patch_key(const toml::table& t, bool link) {
    if (!link) return string_at(t, "id").value_or("");
    const auto from = string_at(t, "from");
    const auto to = string_at(t, "to");
    return from && to ? fmt::format("{}->{}", *from, *to) : "";
}

void add_patches(std::vector<Patch>& list, std::string_view section, toml::array& added,
                 LoadContext& ctx) {
    const bool link = section == "link";
    std::vector<std::string> seen;
    for (std::size_t i = 0; i < added.size(); ++i) {
        const std::string path = fmt::format("{}[{}]", section, i);
        auto* t = added.get(i)->as_table();
        if (t == nullptr) {
            type_error(ctx, *added.get(i), path, "a table");
            continue;
        }
        std::string key = patch_key(*t, link);
        const toml::node* at = t->get(link ? "from" : "id");
        if (!key.empty() &&
            !first_in_file(seen, key, *at, path, link ? "the link" : "the node", ctx)) {
            continue;
        }
        const auto old = std::find_if(list.begin(), list.end(),
                                      [&](const Patch& p) { return !key.empty() && p.key == key; });
        if (old != list.end()) {
            merge_tables(old->table, std::move(*t));
            continue;
        }
        const SourceLoc loc = at != nullptr ? loc_of(ctx, *at) : loc_of(ctx, *t);
        list.push_back(Patch{std::move(key), std::move(*t), path, loc});
    }
}

void merge_overlay(Layers& out, toml::table& overlay, LoadContext& ctx) {
    if (const toml::node* list = overlay.get("remove_events")) remove_events(out.root, *list, ctx);
    for (auto&& [key, value] : overlay) {
        const std::string_view k = key.str();
        if (k == "extends" || k == "remove_events") continue;
        auto* array = value.as_array();
        if (k == "scenario" || k == "model" || k == "network") {
            auto* dst = out.root.get_as<toml::table>(k);
            if (dst != nullptr && value.is_table()) {
                merge_tables(*dst, std::move(*value.as_table()));
                continue;
            }
        } else if (array != nullptr && k == "event") {
            merge_events(out.root, *array, ctx);
            continue;
        } else if (array != nullptr && (k == "product" || k == "recipe")) {
            merge_keyed(out.root, k, k == "product" ? "id" : "product", k == "product", *array);
            continue;
        } else if (array != nullptr && (k == "node" || k == "link")) {
            add_patches(k == "node" ? out.patches.nodes : out.patches.links, k, *array, ctx);
            continue;
        }
        put(out.root, key, value);  // [policy] as a whole; anything else for the reader
    }
}

}  // namespace

Layers read_layers(const std::filesystem::path& file, std::span<const Override> overrides,
                   LoadContext& ctx) {
    std::vector<Layer> chain = read_chain(file, ctx);
    Layers out;
    out.root = std::move(chain.back().table);
    if (const toml::node* list = out.root.get("remove_events")) {
        ctx.error(loc_of(ctx, *list),
                  "remove_events: only a scenario that extends another "
                  "(extends = \"PATH\") removes events");
        out.root.erase("remove_events");
    }
    for (std::size_t i = chain.size() - 1; i-- > 0;) merge_overlay(out, chain[i].table, ctx);
    apply_overrides(out, overrides, false, ctx);
    return out;
}

}  // namespace shockflow::scenario
