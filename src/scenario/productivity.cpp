/// Eigen stays in this one file: the rest of the loader never needs it.

#include "scenario/productivity.hpp"

#include <Eigen/Dense>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <map>
#include <string>

namespace shockflow::scenario {

std::vector<double> recipe_matrix(const std::vector<ProductSpec>& products,
                                  const std::vector<RecipeSpec>& recipes) {
    const std::size_t n = products.size();
    std::map<std::string, std::size_t, std::less<>> index;
    for (std::size_t i = 0; i < n; ++i) index.emplace(products[i].id, i);
    std::vector<double> a(n * n, 0.0);
    for (const auto& recipe : recipes) {
        const auto j = index.find(recipe.product);
        if (j == index.end()) continue;  // reported as an unknown product already
        for (const auto& input : recipe.inputs) {
            const auto i = index.find(input.product);
            if (i != index.end()) a[i->second * n + j->second] += input.qty;
        }
    }
    return a;
}

namespace {

/// Gelfand's formula rho = lim ||A^m||^(1/m) with m = 2^k by repeated squaring,
/// renormalised each step: a fallback should the QR iteration not converge.
double radius_by_squaring(const Eigen::MatrixXd& a) {
    Eigen::MatrixXd b = a;
    double log_scale = 0.0;  // A^(2^k) = exp(log_scale) * b
    double power = 1.0;      // 2^k
    for (int k = 0; k < 40; ++k) {
        const double norm = b.norm();
        if (norm == 0.0) return 0.0;
        b /= norm;
        log_scale += std::log(norm);
        if (k + 1 == 40) break;
        b = b * b;
        log_scale *= 2.0;
        power *= 2.0;
    }
    return std::exp(log_scale / power);
}

}  // namespace

double spectral_radius(const std::vector<double>& a, std::size_t n) {
    if (n == 0) return 0.0;
    const auto size = static_cast<Eigen::Index>(n);
    Eigen::MatrixXd m(size, size);
    for (Eigen::Index i = 0; i < size; ++i) {
        for (Eigen::Index j = 0; j < size; ++j) {
            m(i, j) = a[static_cast<std::size_t>(i) * n + static_cast<std::size_t>(j)];
        }
    }
    // Only eigenvalues are needed; for a non-negative matrix the largest modulus
    // is the Perron root, a real number.
    const Eigen::EigenSolver<Eigen::MatrixXd> solver(m, /*computeEigenvectors=*/false);
    if (solver.info() != Eigen::Success) return radius_by_squaring(m);
    return solver.eigenvalues().cwiseAbs().maxCoeff();
}

}  // namespace shockflow::scenario
