#pragma once
/// Nodes and links as read from TOML tables or CSV rows, before the checks
/// that are the same for both sources (ranges, kinds, references, duplicates).

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scenario/validate_refs.hpp"
#include "shockflow/scenario/spec.hpp"

namespace shockflow::scenario {

/// The keys of a node, as written in [[node]] tables and CSV headers.
enum class NodeKey : std::uint8_t {
    Id,
    Kind,
    Tags,
    Firms,
    Capacity,
    Stock,
    StockTargetDays,
    ReplenishmentDays,
    Population,
    Demand,
    Recipe,
    BuysOwn,
    Lat,
    Lon
};
/// The keys of a link.
enum class LinkKey : std::uint8_t { From, To, Capacity, TransitHours, Products, Weight };

/// "id", "stock_target_days", ...
std::string_view key_name(NodeKey key) noexcept;
std::string_view key_name(LinkKey key) noexcept;

/// Which keys of one node or link were written, and where. The cells of a CSV
/// row record no place of their own: all of them are reported at the row,
/// which is also where the node or link itself is.
template <typename Key>
class KeyLocs {
public:
    void mark(Key key) noexcept { written_ |= bit(key); }
    void mark(Key key, SourceLoc loc) {
        mark(key);
        places_.emplace_back(key, std::move(loc));
    }
    /// Marks `key` as written at `loc`, in place of where it was before.
    void set(Key key, SourceLoc loc) {
        mark(key);
        for (auto& [k, place] : places_) {
            if (k == key) {
                place = std::move(loc);
                return;
            }
        }
        places_.emplace_back(key, std::move(loc));
    }
    void erase(Key key) noexcept { written_ &= ~bit(key); }
    [[nodiscard]] bool has(Key key) const noexcept { return (written_ & bit(key)) != 0; }

    /// Where `key` is written, or `fallback` if it is not (or has no place).
    [[nodiscard]] const SourceLoc& at(Key key, const SourceLoc& fallback) const noexcept {
        if (!has(key)) return fallback;
        for (const auto& [k, loc] : places_) {
            if (k == key) return loc;
        }
        return fallback;
    }

private:
    static std::uint32_t bit(Key key) noexcept { return 1U << static_cast<unsigned>(key); }

    std::uint32_t written_ = 0;
    std::vector<std::pair<Key, SourceLoc>> places_;
};

struct NodeDraft {
    NodeSpec node;
    std::string table_path;  ///< `node[2]` for a TOML table; empty for a CSV row
    KeyLocs<NodeKey> at;
    bool kind_known = false;       ///< `kind` was given and valid
    bool population_known = true;  ///< false if `population` was written but unreadable

    /// Key path prefix: `node[2]`, or `node "p1"` for a CSV row (spelled out
    /// only for a message).
    [[nodiscard]] std::string label() const;
};

struct LinkDraft {
    LinkSpec link;
    std::string table_path;  ///< `link[3]` for a TOML table; empty for a CSV row
    KeyLocs<LinkKey> at;

    /// `link[3]`, or `link "a->b"` for a CSV row.
    [[nodiscard]] std::string label() const;
};

/// Parses a node kind name; reports an unknown one with a hint.
bool parse_node_kind(LoadContext& ctx, const SourceLoc& loc, KeyPath path, std::string_view name,
                     NodeKind& out);

/// Checks a node and, if its id is valid and new, adds it to the spec and catalog.
void add_node(NodeDraft draft, LoadContext& ctx, Catalog& cat, ScenarioSpec& spec);

/// Checks a link and, if both ends resolve and the pair is new, adds it.
void add_link(LinkDraft draft, LoadContext& ctx, Catalog& cat, ScenarioSpec& spec);

class TableReader;
struct Patches;

/// Applies what overlays and overrides write about the draft's node (the
/// patch of its id), if anything, before the node is checked.
void patch_node(NodeDraft& d, Patches& patches, LoadContext& ctx, const Catalog& cat);
/// The same for a link (the patch of its ends).
void patch_link(LinkDraft& d, Patches& patches, LoadContext& ctx);

/// Nodes of the CSV table named by `network.nodes`, if any.
void read_csv_nodes(const TableReader& network, Catalog& cat, ScenarioSpec& spec, Patches& patches);

/// Links of the CSV table named by `network.links`, if any.
void read_csv_links(const TableReader& network, Catalog& cat, ScenarioSpec& spec, Patches& patches);

}  // namespace shockflow::scenario
