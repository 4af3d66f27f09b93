#pragma once
/// Nodes and links as read from TOML tables or CSV rows, before the checks
/// that are the same for both sources (ranges, kinds, references, duplicates).

#include <map>
#include <string>

#include "scenario/validate_refs.hpp"
#include "shockflow/scenario/spec.hpp"

namespace shockflow::scenario {

/// Where each written key of one node or link is; a key absent here was not written.
using KeyLocs = std::map<std::string, SourceLoc, std::less<>>;

struct NodeDraft {
    NodeSpec node;
    std::string label;  ///< key path prefix: `node[2]` or `node "p1"` (CSV)
    KeyLocs at;
    bool kind_known = false;       ///< `kind` was given and valid
    bool population_known = true;  ///< false if `population` was written but unreadable
};

struct LinkDraft {
    LinkSpec link;
    std::string label;  ///< `link[3]` or `link "a->b"` (CSV)
    KeyLocs at;
};

/// Parses a node kind name; reports an unknown one with a hint.
bool parse_node_kind(LoadContext& ctx, const SourceLoc& loc, const std::string& path,
                     const std::string& name, NodeKind& out);

/// Checks a node and, if its id is valid and new, adds it to the spec and catalog.
void add_node(NodeDraft draft, LoadContext& ctx, Catalog& cat, ScenarioSpec& spec);

/// Checks a link and, if both ends resolve and the pair is new, adds it.
void add_link(LinkDraft draft, LoadContext& ctx, Catalog& cat, ScenarioSpec& spec);

class TableReader;

/// Nodes of the CSV table named by `network.nodes`, if any.
void read_csv_nodes(const TableReader& network, Catalog& cat, ScenarioSpec& spec);

/// Links of the CSV table named by `network.links`, if any.
void read_csv_links(const TableReader& network, Catalog& cat, ScenarioSpec& spec);

}  // namespace shockflow::scenario
