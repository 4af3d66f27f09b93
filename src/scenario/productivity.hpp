#pragma once
/// Whether the recipes can be produced at all: the Leontief system x = Ax + d
/// has a non-negative solution for every final demand d >= 0 exactly when the
/// spectral radius of the (non-negative) coefficient matrix A is below 1.

#include <vector>

#include "shockflow/scenario/spec.hpp"

namespace shockflow::scenario {

/// The technical-coefficient matrix in product order, row-major:
/// a[i * n + j] = units of product i used per unit of product j.
std::vector<double> recipe_matrix(const std::vector<ProductSpec>& products,
                                  const std::vector<RecipeSpec>& recipes);

/// Spectral radius of the n x n row-major matrix `a` (0 for n = 0).
double spectral_radius(const std::vector<double>& a, std::size_t n);

}  // namespace shockflow::scenario
