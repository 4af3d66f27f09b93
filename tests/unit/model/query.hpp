#pragma once
// Looking things up in a RunResult by ids.

#include <algorithm>
#include <stdexcept>
#include <string>

#include "shockflow/model/result.hpp"

namespace shockflow::testing {

inline std::uint32_t index_of(const std::vector<std::string>& ids, const std::string& id) {
    const auto it = std::find(ids.begin(), ids.end(), id);
    if (it == ids.end()) throw std::out_of_range("no id " + id);
    return static_cast<std::uint32_t>(it - ids.begin());
}

/// The daily row of (day, node, product); an all-zero row if none was written.
inline DayRow day_row(const RunResult& r, int day, const std::string& node,
                      const std::string& product) {
    const auto n = index_of(r.node_ids, node);
    const auto p = index_of(r.product_ids, product);
    for (const auto& row : r.timeseries)
        if (row.day == day && row.node == n && row.product == p) return row;
    return DayRow{day, n, p};
}

inline FirmRow firm_row(const RunResult& r, int day, const std::string& node) {
    const auto n = index_of(r.node_ids, node);
    for (const auto& row : r.firms)
        if (row.day == day && row.node == n) return row;
    throw std::out_of_range("no firm row");
}

inline const ProductTotals& totals(const RunResult& r, const std::string& product) {
    return r.products[index_of(r.product_ids, product)];
}

}  // namespace shockflow::testing
