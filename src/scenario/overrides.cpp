/// `--set KEY=VALUE`: each override is turned into the TOML an overlay would
/// hold and merged as the last layer. Its value is parsed where it stands in
/// `KEY=VALUE`, on line N of a document named `--set`, so that whatever the
/// readers find wrong with it is reported at `--set:N:COL`.

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>

#include "scenario/overlay.hpp"
#include "scenario/text.hpp"
#include "scenario/toml_reader.hpp"

namespace shockflow {

Override Override::parse(std::string_view text) {
    const auto eq = text.find('=');
    if (eq == std::string_view::npos) return Override{std::string(text), ""};
    return Override{std::string(text.substr(0, eq)), std::string(text.substr(eq + 1))};
}

namespace scenario {
namespace {

constexpr std::string_view kOrigin = "--set";

/// One part of a dotted key and its column in `KEY=VALUE`.
struct Part {
    std::string text;
    std::uint32_t column = 0;
};

/// One override being applied: where it is and how to report on it.
struct Setting {
    const Override& o;
    std::uint32_t line;
    LoadContext& ctx;
    std::shared_ptr<const std::string> origin;

    [[nodiscard]] SourceLoc at(std::uint32_t column) const {
        return SourceLoc{Interned(kOrigin), line, column};
    }
    void error(std::uint32_t column, const std::string& message) const {
        ctx.error(at(column), fmt::format("{}: {}", escaped(o.key), message));
    }
    /// A key of the TOML to merge, placed at `part`.
    [[nodiscard]] toml::key key(const Part& part) const {
        toml::source_region r;
        r.begin = {line, part.column};
        r.end = {line, static_cast<std::uint32_t>(part.column + part.text.size())};
        r.path = origin;
        return toml::key(part.text, std::move(r));
    }
};

/// The parts of `key`, split at dots; a part in double quotes is taken as
/// it is. nullopt (reported) for an empty part or an unclosed quote.
std::optional<std::vector<Part>> split_key(const Setting& s) {
    const std::string& key = s.o.key;
    std::vector<Part> parts;
    std::size_t i = 0;
    for (;;) {
        Part part{"", static_cast<std::uint32_t>(i + 1)};
        std::size_t next = 0;
        if (i < key.size() && key[i] == '"') {
            const auto close = key.find('"', i + 1);
            if (close == std::string::npos) {
                s.error(part.column, "a quoted part of the key has no closing quote");
                return std::nullopt;
            }
            part.text = key.substr(i + 1, close - i - 1);
            next = close + 1;
            if (next < key.size() && key[next] != '.') {
                s.error(static_cast<std::uint32_t>(next + 1), "expected a dot after a quoted part");
                return std::nullopt;
            }
        } else {
            next = std::min(key.find('.', i), key.size());
            part.text = key.substr(i, next - i);
        }
        if (part.text.empty()) {
            s.error(part.column,
                    "expected KEY=VALUE with KEY a dotted path such as "
                    "scenario.end_day (a part of the key is empty)");
            return std::nullopt;
        }
        parts.push_back(std::move(part));
        if (next >= key.size()) return parts;
        i = next + 1;
    }
}

/// A word that TOML would read only in quotes, such as `linear` or `tag:x`.
bool bare_word(std::string_view v) {
    if (v.empty() || v == "true" || v == "false" || v == "inf" || v == "nan") return false;
    if ((v[0] >= '0' && v[0] <= '9') || v[0] == '+' || v[0] == '-') return false;
    return std::all_of(v.begin(), v.end(), [](char c) {
        return c != ' ' && c != '\t' && c != '"' && c != '\'' && c != '[' && c != ']' && c != '{' &&
               c != '}' && c != ',' && c != '=' && c != '#';
    });
}

/// The value, parsed on its line and at its column in `KEY=VALUE`.
std::optional<toml::table> parse_value(const Setting& s) {
    const std::size_t column = s.o.key.size() + 2;  // after `KEY=`
    if (s.o.value.find_first_not_of(" \t") == std::string::npos) {
        s.error(static_cast<std::uint32_t>(column),
                "expected KEY=VALUE with a TOML value after \"=\" (such as 40, 0.8, \"linear\" or "
                "[0, 12])");
        return std::nullopt;
    }
    const auto document = [&](std::string_view value, std::size_t pad) {
        return std::string(s.line - 1, '\n') + "v=" + std::string(pad, ' ') + std::string(value);
    };
    // A bare word is a string without its quotes, as a shell leaves it: it
    // is read in quotes, the opening one where the word starts.
    const bool word = bare_word(s.o.value);
    const std::string text = word ? fmt::format("\"{}\"", s.o.value) : s.o.value;
    try {
        return toml::parse(document(text, column - 3), std::string(kOrigin));
    } catch (const toml::parse_error& e) {
        s.error(e.source().begin.column,
                fmt::format("invalid TOML value: {}", printable(e.description())));
        return std::nullopt;
    }
}

std::string joined(const std::vector<Part>& parts, std::size_t first, std::size_t last) {
    std::string out;
    for (std::size_t i = first; i < last; ++i) out += (i > first ? "." : "") + parts[i].text;
    return out;
}

toml::table* section(toml::table& root, const Setting& s, const Part& name) {
    if (!root.contains(name.text)) root.insert(s.key(name), toml::table{});
    auto* t = root.get_as<toml::table>(name.text);
    if (t == nullptr) s.error(name.column, fmt::format("[{}] is not a table", name.text));
    return t;
}

/// `policy.a.b = v`, `scenario.end_day = v`: tables on the way are made.
void set_path(toml::table& into, const Setting& s, const std::vector<Part>& parts,
              std::size_t first, toml::node& value) {
    toml::table* t = &into;
    for (std::size_t i = first; i + 1 < parts.size() && t != nullptr; ++i) {
        t = section(*t, s, parts[i]);
    }
    if (t != nullptr)
        value.visit([&](auto& v) { t->insert_or_assign(s.key(parts.back()), std::move(v)); });
}

void set_event(toml::table& root, const Setting& s, const std::vector<Part>& parts,
               toml::node& value) {
    const std::string name = joined(parts, 1, parts.size() - 1);
    std::vector<std::string> names;
    auto* events = root.get_as<toml::array>("event");
    for (std::size_t i = 0; events != nullptr && i < events->size(); ++i) {
        auto* t = events->get(i)->as_table();
        const auto* n = t != nullptr ? t->get_as<std::string>("name") : nullptr;
        if (n == nullptr) continue;
        if (n->get() == name) {
            value.visit([&](auto& v) { t->insert_or_assign(s.key(parts.back()), std::move(v)); });
            return;
        }
        names.push_back(n->get());
    }
    std::sort(names.begin(), names.end());
    s.error(parts[1].column,
            fmt::format("no event is named {}{}", in_quotes(name), unknown_hint(name, names)));
}

/// The patch of a node or link: the one an overlay wrote, or a new one that
/// must meet its node or link.
toml::table& patch_of(std::vector<Patch>& list, const std::string& key, const Setting& s,
                      const Part& at, const std::string& label) {
    for (Patch& p : list) {
        if (p.key == key) return p.table;
    }
    list.push_back(Patch{key, toml::table{}, label, s.at(at.column), true});
    return list.back().table;
}

void set_node(Patches& patches, const Setting& s, const std::vector<Part>& parts,
              toml::node& value) {
    static constexpr std::array<std::string_view, 4> kMaps{"capacity", "stock", "demand", "recipe"};
    const std::size_t n = parts.size();
    const bool entry =
        n >= 4 && std::find(kMaps.begin(), kMaps.end(), parts[n - 2].text) != kMaps.end();
    const std::size_t field = entry ? n - 2 : n - 1;
    const std::string id = joined(parts, 1, field);
    toml::table& t =
        patch_of(patches.nodes, id, s, parts[1], fmt::format("node {}", in_quotes(id)));
    if (!t.contains("id")) t.insert("id", id);
    set_path(t, s, parts, field, value);
}

void set_link(Patches& patches, const Setting& s, const std::vector<Part>& parts,
              toml::node& value) {
    const std::string name = joined(parts, 1, parts.size() - 1);
    const auto arrow = name.find("->");
    if (arrow == std::string::npos || arrow == 0 || arrow + 2 == name.size()) {
        s.error(parts[1].column,
                fmt::format("a link is named FROM->TO, as in events (got {})", in_quotes(name)));
        return;
    }
    toml::table& t =
        patch_of(patches.links, name, s, parts[1], fmt::format("link {}", in_quotes(name)));
    if (!t.contains("from")) {
        t.insert("from", name.substr(0, arrow));
        t.insert("to", name.substr(arrow + 2));
    }
    set_path(t, s, parts, parts.size() - 1, value);
}

void apply_one(Layers& layers, const Setting& s, bool policy_only) {
    const auto parts = split_key(s);
    if (!parts) return;
    const std::string& head = parts->front().text;
    if (policy_only && head != "policy") return;
    static const std::vector<std::string> kSections{"event", "link",   "model",   "network",
                                                    "node",  "policy", "scenario"};
    if (std::find(kSections.begin(), kSections.end(), head) == kSections.end()) {
        s.error(1,
                fmt::format("unknown part {}{}", in_quotes(head), expected_hint(head, kSections)));
        return;
    }
    const bool by_name = head == "event" || head == "node" || head == "link";
    const bool one_key = head == "scenario" || head == "model" || head == "network";
    if (parts->size() < (by_name ? 3U : 2U) || (one_key && parts->size() != 2)) {
        s.error(1, by_name ? fmt::format("expected {}.NAME.FIELD", head)
                           : fmt::format("expected {}.KEY", head));
        return;
    }
    auto doc = parse_value(s);
    if (!doc) return;
    toml::node& value = *doc->get("v");
    if (head == "event") {
        set_event(layers.root, s, *parts, value);
    } else if (head == "node") {
        set_node(layers.patches, s, *parts, value);
    } else if (head == "link") {
        set_link(layers.patches, s, *parts, value);
    } else {
        set_path(layers.root, s, *parts, 0, value);
    }
}

}  // namespace

void apply_overrides(Layers& layers, std::span<const Override> overrides, bool policy_only,
                     LoadContext& ctx) {
    const auto origin = std::make_shared<const std::string>(kOrigin);
    for (std::size_t i = 0; i < overrides.size(); ++i) {
        // The results depend on it as on a file: it is part of the input hash
        // (summary.json's input_hash, the key of compare --resume's journal).
        ctx.hash_text(fmt::format("--set {}={}\n", overrides[i].key, overrides[i].value));
        const Setting s{overrides[i], static_cast<std::uint32_t>(i + 1), ctx, origin};
        if (s.o.key.empty()) {
            s.error(1, "expected KEY=VALUE (the key is empty)");
            continue;
        }
        apply_one(layers, s, policy_only);
    }
}

}  // namespace scenario
}  // namespace shockflow
