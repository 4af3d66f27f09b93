#pragma once
/// One table of file names per enum, read in both directions: enum to name for
/// messages and written files, name to enum when loading.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shockflow/scenario/spec.hpp"

namespace shockflow::scenario {

template <class E>
struct Named {
    E value;
    std::string_view name;
};

/// The name of `value` in `table`, "?" if it has none.
template <class E, std::size_t N>
constexpr std::string_view name_in(const std::array<Named<E>, N>& table, E value) noexcept {
    for (const auto& entry : table) {
        if (entry.value == value) return entry.name;
    }
    return "?";
}

/// The value named `name` in `table`, if any.
template <class E, std::size_t N>
constexpr std::optional<E> value_named(const std::array<Named<E>, N>& table,
                                       std::string_view name) noexcept {
    for (const auto& entry : table) {
        if (entry.name == name) return entry.value;
    }
    return std::nullopt;
}

/// All names of `table`, in its order (for "expected one of" hints).
template <class E, std::size_t N>
std::vector<std::string> names_in(const std::array<Named<E>, N>& table) {
    std::vector<std::string> out;
    out.reserve(N);
    for (const auto& entry : table) out.emplace_back(entry.name);
    return out;
}

inline constexpr std::array<Named<ProductCategory>, 3> kCategoryNames{{
    {ProductCategory::Essential, "essential"},
    {ProductCategory::Intermediate, "intermediate"},
    {ProductCategory::Capital, "capital"},
}};

inline constexpr std::array<Named<NodeKind>, 5> kNodeKindNames{{
    {NodeKind::Park, "park"},
    {NodeKind::Plant, "plant"},
    {NodeKind::Depot, "depot"},
    {NodeKind::Region, "region"},
    {NodeKind::Source, "source"},
}};

}  // namespace shockflow::scenario
