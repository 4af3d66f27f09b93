#include "shockflow/experiment/sensitivity.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <utility>

namespace shockflow::experiment {
namespace {

using Matrix = Eigen::MatrixXd;
using Vector = Eigen::VectorXd;
using QR = Eigen::ColPivHouseholderQR<Matrix>;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// A column whose part independent of the others is below this share of the
// largest pivot counts as collinear. Standardized columns differ from exact
// collinearity by rounding only (~1e-16) or by far more than this.
constexpr double kCollinear = 1e-9;
constexpr double kZ975 = 1.959963984540054;  // standard normal quantile at 0.975

Eigen::Index as_index(std::size_t i) { return static_cast<Eigen::Index>(i); }

bool all_finite(std::span<const double> v) {
    return std::ranges::all_of(v, [](double a) { return std::isfinite(a); });
}

// Exact comparison on purpose: a column of equal values may have a mean that
// differs from them by rounding, so a sample std of 1e-17 would not say
// "constant" reliably.
bool all_equal(std::span<const double> v) {
    return std::ranges::all_of(v, [&](double a) { return a == v.front(); });
}

std::vector<double> column(std::span<const double> x, std::size_t inputs, std::size_t j) {
    std::vector<double> c(x.size() / inputs);
    for (std::size_t i = 0; i < c.size(); ++i) c[i] = x[i * inputs + j];
    return c;
}

// Ranks 1..n; a run of equal values shares the average of the ranks it spans,
// so the order in which the sort leaves equal values does not matter.
std::vector<double> ranks(std::span<const double> v) {
    std::vector<std::size_t> order(v.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
    std::vector<double> r(v.size());
    for (std::size_t first = 0; first < order.size();) {
        std::size_t last = first;
        while (last + 1 < order.size() && v[order[last + 1]] == v[order[first]]) ++last;
        const double average = 0.5 * static_cast<double>(first + last) + 1.0;
        for (std::size_t k = first; k <= last; ++k) r[order[k]] = average;
        first = last + 1;
    }
    return r;
}

// (v − mean) / sample std; v is not constant.
Vector standardized(std::span<const double> v) {
    const double m = mean(v), s = sample_std(v);
    Vector z(as_index(v.size()));
    for (std::size_t i = 0; i < v.size(); ++i) z(as_index(i)) = (v[i] - m) / s;
    return z;
}

QR decompose(const Matrix& a) {
    QR qr(a);
    qr.setThreshold(kCollinear);
    return qr;
}

bool full_rank(const QR& qr) { return qr.rank() == qr.cols(); }

// Coefficients of z_y on the (centred, full-rank) columns of z_x and their
// t-intervals. With Z·P = Q·R, (Z'Z)⁻¹ = P·R⁻¹·R⁻ᵀ·P', so the diagonal entry of
// the column at pivot position i is the squared norm of row i of R⁻¹.
std::vector<Estimate> src_of(const Matrix& z_x, const Vector& z_y, const QR& qr) {
    const Eigen::Index n = z_x.rows(), k = z_x.cols();
    const Vector b = qr.solve(z_y);
    std::vector<Estimate> out(static_cast<std::size_t>(k));
    for (Eigen::Index j = 0; j < k; ++j) out[static_cast<std::size_t>(j)].mean = b(j);
    const double df = static_cast<double>(n - k - 1);
    if (df < 1.0) return out;
    const double s2 = (z_y - z_x * b).squaredNorm() / df;
    const Matrix r_inv = qr.matrixR().topLeftCorner(k, k).triangularView<Eigen::Upper>().solve(
        Matrix::Identity(k, k));
    const double t = student_t_95(df);
    for (Eigen::Index i = 0; i < k; ++i) {
        const Eigen::Index j = qr.colsPermutation().indices()(i);
        const double half = t * std::sqrt(s2 * r_inv.row(i).squaredNorm());
        out[static_cast<std::size_t>(j)] = {b(j), b(j) - half, b(j) + half};
    }
    return out;
}

// Residual of v after least squares on the columns of c and an intercept; the
// columns of c and v are centred, so the intercept is 0 and can be left out.
Vector residual(const Matrix& c, const Vector& v) {
    if (c.cols() == 0) return v;
    return v - c * c.colPivHouseholderQr().solve(v);
}

// Pearson correlation of two residual vectors; NaN if either is 0 relative to
// the vector it was left from (its variable explained exactly by the others).
double residual_correlation(const Vector& e_y, const Vector& e_x, const Vector& y,
                            const Vector& x) {
    if (e_y.norm() <= kCollinear * y.norm() || e_x.norm() <= kCollinear * x.norm()) return kNaN;
    const Vector a = e_y.array() - e_y.mean(), b = e_x.array() - e_x.mean();
    // sqrt(a·a · b·b) rather than |a|·|b|: for a == b it is a·a exactly, so r = 1.
    return std::clamp(a.dot(b) / std::sqrt(a.squaredNorm() * b.squaredNorm()), -1.0, 1.0);
}

Estimate fisher_interval(double r, double df) {
    if (std::isnan(r) || df < 1.0) return {r, kNaN, kNaN};
    if (std::fabs(r) == 1.0) return {r, r, r};
    const double z = std::atanh(r), half = kZ975 / std::sqrt(df);
    return {r, std::tanh(z - half), std::tanh(z + half)};
}

// Partial rank correlations of r_y with each column of r_x (standardized
// ranks, full rank), the other columns held fixed.
std::vector<Estimate> prcc_of(const Matrix& r_x, const Vector& r_y) {
    const Eigen::Index n = r_x.rows(), k = r_x.cols();
    const double df = static_cast<double>(n - k - 2);
    std::vector<Estimate> out;
    for (Eigen::Index j = 0; j < k; ++j) {
        Matrix others(n, k - 1);
        for (Eigen::Index c = 0, o = 0; c < k; ++c)
            if (c != j) others.col(o++) = r_x.col(c);
        const double r = residual_correlation(residual(others, r_y), residual(others, r_x.col(j)),
                                              r_y, r_x.col(j));
        out.push_back(fisher_interval(r, df));
    }
    return out;
}

}  // namespace

std::vector<Sensitivity> sensitivity(std::span<const double> x, std::size_t inputs,
                                     std::span<const double> y) {
    if (inputs == 0) throw std::invalid_argument("sensitivity: no inputs");
    if (x.size() != y.size() * inputs)
        throw std::invalid_argument("sensitivity: " + std::to_string(x.size()) +
                                    " input values for " + std::to_string(y.size()) +
                                    " outputs and " + std::to_string(inputs) + " inputs");
    const std::size_t n = y.size();
    std::vector<Sensitivity> result(inputs);
    if (n < 2 || !all_finite(x) || !all_finite(y) || all_equal(y)) return result;

    std::vector<std::size_t> active;  // the non-constant inputs, in column order
    std::vector<std::vector<double>> columns;
    for (std::size_t j = 0; j < inputs; ++j) {
        std::vector<double> c = column(x, inputs, j);
        if (all_equal(c)) continue;
        active.push_back(j);
        columns.push_back(std::move(c));
    }
    if (active.empty()) return result;

    const Eigen::Index k = as_index(active.size());
    Matrix z_x(as_index(n), k), r_x(as_index(n), k);
    for (Eigen::Index c = 0; c < k; ++c) {
        const std::vector<double>& values = columns[static_cast<std::size_t>(c)];
        z_x.col(c) = standardized(values);
        r_x.col(c) = standardized(ranks(values));
    }
    const QR qr = decompose(z_x);
    if (!full_rank(qr)) return result;
    const std::vector<Estimate> src = src_of(z_x, standardized(y), qr);
    for (std::size_t c = 0; c < active.size(); ++c) result[active[c]].src = src[c];
    if (!full_rank(decompose(r_x))) return result;
    const std::vector<Estimate> prcc = prcc_of(r_x, standardized(ranks(y)));
    for (std::size_t c = 0; c < active.size(); ++c) result[active[c]].prcc = prcc[c];
    return result;
}

}  // namespace shockflow::experiment
