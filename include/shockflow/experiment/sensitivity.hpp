#pragma once
/// Global sensitivity of an output to the sampled inputs of a set of runs:
/// pure functions, no state, no I/O.
///
/// Two measures per input, both in [−1, 1] and dimensionless:
///
/// SRC, the standardized regression coefficient (linear effect). With n runs
/// and p inputs, every input column and y are standardized,
///     z_ij = (x_ij − mean(x_j)) / s(x_j),   z_i = (y_i − mean(y)) / s(y),
/// s the sample standard deviation (n − 1). Least squares of z on Z = [z_ij]
/// with an intercept (which is 0 after centring) gives
///     b = (Z'Z)⁻¹ Z'z,   s² = RSS / (n − p − 1),   se_j = √(s² · [(Z'Z)⁻¹]_jj),
/// and the interval b_j ± t(0.975, n − p − 1) · se_j. For uncorrelated inputs
/// b_j = corr(x_j, y), and Σ b_j² is the R² of the linear model.
///
/// PRCC, the partial rank correlation coefficient (monotone effect, the others
/// held fixed). Every input column and y are replaced by their ranks 1..n
/// (equal values share the average of their ranks). For input j, rank(y) and
/// rank(x_j) are each regressed on the other p − 1 rank columns (with an
/// intercept), and r_j is the Pearson correlation of the two residual
/// vectors. Its interval is Fisher's:
///     z = atanh(r_j),   se = 1 / √(n − p − 2),   [tanh(z − 1.959964·se), tanh(z + 1.959964·se)]
/// (n − q − 3 with q = p − 1 controls); r_j = ±1 gives the degenerate [r_j, r_j].
///
/// Degenerate cases. "NaN" means all three fields of the Estimate.
/// - An input column whose n values are all equal: its src and prcc are NaN,
///   and it is left out of the regressions for the others (p then counts the
///   non-constant inputs only, in the degrees of freedom too).
/// - y with all values equal, or n < 2: every src and prcc NaN.
/// - Any value of x or y that is NaN or ±inf: every src and prcc NaN (one bad
///   run makes the whole sample suspect, so no partial answer is given).
/// - Collinear non-constant inputs (one is, to relative 1e-9, a linear
///   combination of the others; in particular n ≤ p): every src and prcc NaN.
///   Inputs that are not collinear but whose ranks are (x₂ = x₁³, say) keep
///   their src; every prcc is NaN.
/// - prcc of input j is NaN when either residual vector is 0 (to relative
///   1e-9), e.g. when the other inputs' ranks explain rank(y) exactly.
/// - Too few runs for an interval: n − p − 1 < 1 leaves src's interval NaN,
///   n − p − 2 < 1 leaves prcc's interval NaN; the coefficients are still given.
///
/// The results do not depend on the order of the runs beyond rounding: equal
/// values are ranked by averaging, never by position.

#include <cstddef>
#include <span>
#include <vector>

#include "shockflow/experiment/statistics.hpp"

namespace shockflow::experiment {

/// The sensitivity of one output to one input over a sample of runs.
struct Sensitivity {
    Estimate src;   ///< standardized regression coefficient, 95 % t-interval
    Estimate prcc;  ///< partial rank correlation coefficient, 95 % interval (Fisher z)
};

/// `x` holds n observations of `inputs` inputs, row-major (observation i,
/// input j at x[i * inputs + j]); `y` the n outputs. Returns one Sensitivity
/// per input, in column order; see the file comment for the definitions and
/// the degenerate cases. Throws std::invalid_argument if inputs == 0 or
/// x.size() != y.size() * inputs.
std::vector<Sensitivity> sensitivity(std::span<const double> x, std::size_t inputs,
                                     std::span<const double> y);

}  // namespace shockflow::experiment
