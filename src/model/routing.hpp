#pragma once
// Fastest paths over the open links, for rerouting around cut links.
// Keeps Boost.Graph out of the engine's headers.

#include <cstdint>
#include <memory>
#include <vector>

#include "model/compiled.hpp"

namespace shockflow::model {

class Router {
public:
    explicit Router(const CompiledModel& m);
    ~Router();
    Router(const Router&) = delete;
    Router& operator=(const Router&) = delete;

    // Shortest-transit tree from `src` over links with factor > 0 that carry
    // `product`, leaving out `avoid` (if any): for every node, the link by
    // which the tree reaches it (none where unreachable, and at src).
    [[nodiscard]] IndexVec<NodeIndex, LinkIndex> fastest_tree(
        NodeIndex src, ProductIndex product, const IndexVec<LinkIndex, double>& link_factor,
        LinkIndex avoid = LinkIndex::none()) const;

private:
    struct Impl;
    const CompiledModel& m_;
    std::unique_ptr<Impl> impl_;
};

}  // namespace shockflow::model
