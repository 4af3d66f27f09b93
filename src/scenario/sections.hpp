#pragma once
/// Readers of the sections of a scenario file, one per TOML section. Each reads
/// its section into the spec, checks it against the ids defined before it
/// (products, then recipes, nodes, links, events, policy) and records every
/// problem in the context.

#include <toml++/toml.h>

#include <functional>
#include <string>

#include "scenario/toml_reader.hpp"
#include "scenario/validate_refs.hpp"
#include "shockflow/scenario/spec.hpp"

namespace shockflow::scenario {

/// Parses TOML text; a syntax error is thrown at once as a ConfigError with
/// toml++'s line and column (nothing can be checked in a file that does not parse).
toml::table parse_toml(const std::string& text, const LoadContext& ctx);

/// Calls `fn(table, "key[i]")` for every table of the array of tables `key`
/// (`[[key]]`); reports a plain table or a non-table element as a type error.
void for_each_table(const TableReader& top, std::string_view key,
                    const std::function<void(const toml::table&, const std::string&)>& fn);

/// [scenario]
void read_header(const TableReader& top, ScenarioSpec& spec);
/// [[product]]
void read_products(const TableReader& top, Catalog& cat, ScenarioSpec& spec);
/// [[recipe]], including the productivity of the recipe matrix.
void read_recipes(const TableReader& top, const Catalog& cat, ScenarioSpec& spec);
struct Patches;

/// [[node]] and the CSV table `network.nodes` (`network` may be null), each
/// node with its patch applied, then the nodes that patches add (overlay.hpp).
void read_nodes(const TableReader& top, const TableReader* network, Catalog& cat,
                ScenarioSpec& spec, Patches& patches);
/// [[link]] and the CSV table `network.links`, as read_nodes.
void read_links(const TableReader& top, const TableReader* network, Catalog& cat,
                ScenarioSpec& spec, Patches& patches);
/// [[event]]
void read_events(const TableReader& top, const Catalog& cat, ScenarioSpec& spec);

/// A [policy] table. `default_name` is used when it has no `name`.
PolicySpec read_policy(const toml::table& table, const std::string& path, LoadContext& ctx,
                       const Catalog& cat, const std::string& default_name);

}  // namespace shockflow::scenario
