#pragma once
/// Scenarios that extend another (`extends = "PATH"`) and `--set KEY=VALUE`
/// overrides. Both are merged into one TOML tree before it is read, so that
/// the readers check the result as they check a single file; every value
/// keeps the place (file, line, column) where it was written.
///
/// Nodes and links may live in CSV tables, which are read later: what an
/// overlay or an override writes about them is kept as a patch and applied
/// to the node (same id) or link (same ends) when that is read. A patch that
/// meets no node or link adds one.

#include <toml++/toml.h>

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/context.hpp"
#include "shockflow/scenario/loader.hpp"

namespace shockflow::scenario {

/// The keys an overlay writes about one node or link.
struct Patch {
    std::string key;          ///< the node's id, or `FROM->TO`; "" if it has none
    toml::table table;        ///< the keys written, merged over the chain of files
    std::string path;         ///< `node[0]`: the table in the file that wrote it first
    SourceLoc loc;            ///< where the id (or ends) is written
    bool must_exist = false;  ///< written only by overrides, which change and never add
    bool used = false;        ///< met its node or link
};

struct Patches {
    using List = std::vector<Patch>;
    List nodes;
    List links;

    /// The unused patch of `key`, marked used, or nullptr.
    static Patch* take(List& list, std::string_view key);
    Patch* take_node(std::string_view id) { return take(nodes, id); }
    Patch* take_link(std::string_view from, std::string_view to);
};

/// The merged tree of a scenario and the patches of its nodes and links.
struct Layers {
    toml::table root;
    Patches patches;
};

/// Reads `file` and the chain of files it extends, merges them (the base
/// first, each overlay over it) and applies `overrides`. A syntax error, a
/// file that cannot be read and a cycle are thrown at once; other problems
/// are recorded in `ctx`.
Layers read_layers(const std::filesystem::path& file, std::span<const Override> overrides,
                   LoadContext& ctx);

/// Applies `overrides` to `layers` (those of `policy.` keys only, if
/// `policy_only`). Problems are recorded in `ctx`, at `--set:N:COL`.
void apply_overrides(Layers& layers, std::span<const Override> overrides, bool policy_only,
                     LoadContext& ctx);

/// Merges `from` into `into` key by key: tables merge, anything else is
/// replaced. Values are moved, so that they keep their places.
void merge_tables(toml::table& into, toml::table&& from);

/// Reads a TOML document; a syntax error is thrown as a ConfigError at its
/// place in `name`.
toml::table parse_named(const std::string& text, const std::string& name);

}  // namespace shockflow::scenario
