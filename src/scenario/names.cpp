#include "scenario/enum_names.hpp"
#include "shockflow/scenario/spec.hpp"

namespace shockflow {

std::string_view category_name(ProductCategory category) noexcept {
    return scenario::name_in(scenario::kCategoryNames, category);
}

std::string_view kind_name(NodeKind kind) noexcept {
    return scenario::name_in(scenario::kNodeKindNames, kind);
}

}  // namespace shockflow
