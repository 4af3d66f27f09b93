#pragma once
/// Designed experiments over a scenario (`shockflow sweep --design FILE`):
/// which `--set` keys vary, over what, and the points at which they are run.
/// The file's format is in docs/FORMAT.md, "Designs".

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "shockflow/core/error.hpp"
#include "shockflow/scenario/loader.hpp"

namespace shockflow {

/// One parameter of a design: one or more `--set` keys and the values they
/// take (several keys take the same value at every point).
struct DesignParameter {
    /// `--set` keys (Override::key), such as `event.strike.capacity_loss`;
    /// at least one.
    std::vector<std::string> keys;
    std::string name;  ///< short label for tables and charts; the key, if it is one, unless given
    SourceLoc loc;     ///< where `key` is written in the design file
    SourceLoc values_loc;  ///< where its `values` or `range` is written
    /// `values = [...]`: each as TOML text (`0.5`, `"priority"`, `true`);
    /// empty with a range.
    std::vector<std::string> values;
    /// Each of `values` as a table shows it: a string without its quotes,
    /// anything else as written.
    std::vector<std::string> value_labels;
    /// The number of each of `values` (true = 1, false = 0), NaN for one that
    /// is no number; empty with a range.
    std::vector<double> value_numbers;
    double low = 0.0, high = 0.0;  ///< `range = [low, high]`, low <= high
    bool has_range = false;
    std::int64_t levels = 0;  ///< grid with a range: evenly spaced values, ends included
    bool integer = false;     ///< values are rounded to whole numbers

    /// The keys, separated by spaces (sensitivity.csv's `key` column).
    [[nodiscard]] std::string keys_text() const;
};

/// A design: how its points are laid out and the parameters they vary.
struct Design {
    enum class Method { Grid, LatinHypercube };
    Method method = Method::Grid;
    std::int64_t points = 0;        ///< Latin hypercube: how many points
    std::uint64_t seed = 1;         ///< Latin hypercube: seed of the sampling
    std::int64_t replications = 0;  ///< per point and policy; 0 = not given
    std::vector<DesignParameter> parameters;
    std::string file;              ///< as given
    std::uint64_t input_hash = 0;  ///< FNV-1a of the file's bytes

    /// Replications per point and policy: the design's, else `fallback`
    /// (the scenario's).
    [[nodiscard]] std::int64_t replications_or(std::int64_t fallback) const {
        return replications > 0 ? replications : fallback;
    }

    /// The parameter whose key is the `index`-th override (0-based) that
    /// DesignPoint::overrides() adds after the base ones.
    [[nodiscard]] std::size_t parameter_of_override(std::size_t index) const;
};

/// One point of a design: a value for every parameter, in parameter order.
struct DesignPoint {
    std::vector<std::string> values;  ///< TOML text, as an override's value
    std::vector<std::string> labels;  ///< as a table shows it (DesignParameter::value_labels)
    std::vector<double> numbers;      ///< the values as numbers (NaN: not a number)

    /// The overrides that make this point, after `base` (the command line's):
    /// one per key of every parameter, in design order.
    [[nodiscard]] std::vector<Override> overrides(const Design& design,
                                                  const std::vector<Override>& base) const;
};

/// Reads and checks a design file. Throws ConfigError with every problem at
/// FILE:LINE:COL. The keys themselves are checked when the scenario is
/// loaded at each point (loading reports a bad key at the design's line).
Design load_design(const std::filesystem::path& file);

/// The points of `design`, in a fixed order: a grid varies its last
/// parameter fastest; a Latin hypercube of n points puts exactly one point in
/// each of the n equal slices of every parameter's range (a random
/// permutation of the slices per parameter, a uniform position inside each,
/// drawn from `design.seed`), and picks from a `values` list by slice.
std::vector<DesignPoint> design_points(const Design& design);

}  // namespace shockflow
