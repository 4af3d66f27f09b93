#include "shockflow/scenario/spec.hpp"

namespace shockflow {

std::string_view category_name(ProductCategory category) noexcept {
    switch (category) {
        case ProductCategory::Essential:
            return "essential";
        case ProductCategory::Intermediate:
            return "intermediate";
        case ProductCategory::Capital:
            return "capital";
    }
    return "?";
}

std::string_view kind_name(NodeKind kind) noexcept {
    switch (kind) {
        case NodeKind::Park:
            return "park";
        case NodeKind::Plant:
            return "plant";
        case NodeKind::Depot:
            return "depot";
        case NodeKind::Region:
            return "region";
        case NodeKind::Source:
            return "source";
    }
    return "?";
}

}  // namespace shockflow
