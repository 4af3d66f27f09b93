// Random input-output tables for tests and benchmarks, and writing a table
// as the CSV files `shockflow import-io` reads.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <numeric>

#include "core/atomic_output.hpp"
#include "shockflow/core/random.hpp"
#include "shockflow/scenario/io_table.hpp"

namespace shockflow {
namespace {

// `partners` distinct regions other than `home`, drawn (partial Fisher–Yates).
std::vector<std::size_t> partners_of(std::size_t home, std::size_t regions, std::size_t partners,
                                     RandomStream& rng) {
    std::vector<std::size_t> pool;
    for (std::size_t r = 0; r < regions; ++r)
        if (r != home) pool.push_back(r);
    const std::size_t k = std::min(partners, pool.size());
    for (std::size_t i = 0; i < k; ++i) std::swap(pool[i], pool[i + rng.below(pool.size() - i)]);
    pool.resize(k);
    std::sort(pool.begin(), pool.end());
    return pool;
}

// Shares over `home` (weighted 4 times) and its partners, lognormal.
std::vector<std::pair<std::size_t, double>> supplier_shares(std::size_t home, std::size_t regions,
                                                            std::size_t partners,
                                                            RandomStream& rng) {
    std::vector<std::pair<std::size_t, double>> out{{home, 4.0 * std::exp(rng.normal())}};
    for (const std::size_t r : partners_of(home, regions, partners, rng))
        out.emplace_back(r, std::exp(rng.normal()));
    double sum = 0.0;
    for (const auto& [r, w] : out) sum += w;
    for (auto& [r, w] : out) w /= sum;
    std::sort(out.begin(), out.end());
    return out;
}

// Coefficients a_ij, by buyer j: a share 0.3-0.6 of output spent on inputs,
// over every sector (lognormal weights), each from home and partners.
std::vector<std::vector<std::pair<std::uint32_t, double>>> coefficients(std::size_t regions,
                                                                        std::size_t sectors,
                                                                        std::size_t partners,
                                                                        RandomStream& rng) {
    const std::size_t n = regions * sectors;
    std::vector<std::vector<std::pair<std::uint32_t, double>>> a(n);
    for (std::size_t j = 0; j < n; ++j) {
        const double spent = rng.uniform(0.3, 0.6);
        std::vector<double> w(sectors);
        for (double& v : w) v = std::exp(rng.normal());
        const double total = std::accumulate(w.begin(), w.end(), 0.0);
        for (std::size_t s = 0; s < sectors; ++s)
            for (const auto& [r, share] : supplier_shares(j / sectors, regions, partners, rng))
                a[j].emplace_back(static_cast<std::uint32_t>(r * sectors + s),
                                  spent * w[s] / total * share);
        std::sort(a[j].begin(), a[j].end());
    }
    return a;
}

}  // namespace

IoTable generate_io_table(std::size_t regions, std::size_t sectors, std::uint64_t seed,
                          std::size_t partners) {
    RandomStream rng(seed, 0);
    IoTable t;
    const int width = regions < 100 && sectors < 100 ? 2 : 4;
    for (std::size_t r = 0; r < regions; ++r)
        for (std::size_t s = 0; s < sectors; ++s) {
            t.region.push_back(fmt::format("R{:0{}}", r + 1, width));
            t.sector.push_back(fmt::format("S{:0{}}", s + 1, width));
        }
    const std::size_t n = regions * sectors;
    const auto a = coefficients(regions, sectors, partners, rng);
    // One final-demand category per region: every sector, bought at home and
    // from partners.
    std::vector<double> y_sums(n, 0.0);
    for (std::size_t r = 0; r < regions; ++r) {
        t.final_demand.push_back(fmt::format("{}_final_demand", t.region[r * sectors]));
        auto& column = t.y.emplace_back();
        for (std::size_t s = 0; s < sectors; ++s) {
            const double demand = 1000.0 * std::exp(rng.normal());
            for (const auto& [from, share] : supplier_shares(r, regions, partners, rng))
                column.emplace_back(static_cast<std::uint32_t>(from * sectors + s), demand * share);
        }
        std::sort(column.begin(), column.end());
        for (const auto& [i, v] : column) y_sums[i] += v;
    }
    // Gross output x = A x + y (Jacobi: every column of A sums to 0.6 at most).
    std::vector<double> x(n, 0.0), next;
    for (int sweep = 0; sweep < 1000; ++sweep) {
        next = y_sums;
        for (std::size_t j = 0; j < n; ++j)
            for (const auto& [i, v] : a[j]) next[i] += v * x[j];
        double change = 0.0;
        for (std::size_t i = 0; i < n; ++i) change = std::max(change, std::abs(next[i] - x[i]));
        x.swap(next);
        if (change <= 1e-14 * *std::max_element(x.begin(), x.end())) break;
    }
    t.z.assign(n, {});
    for (std::size_t j = 0; j < n; ++j)
        for (const auto& [i, v] : a[j]) t.z[j].emplace_back(i, v * x[j]);
    // The table's x is its row sums, exactly as a reader adds them up.
    t.x.assign(n, 0.0);
    for (const auto& column : t.z)
        for (const auto& [i, v] : column) t.x[i] += v;
    for (const auto& column : t.y)
        for (const auto& [i, v] : column) t.x[i] += v;
    t.source = "generated";
    return t;
}

void write_io_table(const IoTable& t, const std::filesystem::path& dir) {
    const std::size_t n = t.x.size();
    AtomicOutput files(dir, {"Z.csv", "Y.csv", "x.csv"});
    fmt::memory_buffer buf;
    auto flush = [&](std::ostream& out, bool always) {
        if (!always && buf.size() < (1U << 20)) return;
        out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
        buf.clear();
    };
    // Z, dense: row i, column j = flow from i to j.
    std::ostream& z = files.open("Z.csv");
    fmt::format_to(std::back_inserter(buf), "region,sector");
    for (std::size_t j = 0; j < n; ++j)
        fmt::format_to(std::back_inserter(buf), ",{}_{}", t.region[j], t.sector[j]);
    buf.push_back('\n');
    std::vector<double> row(n);
    std::vector<std::size_t> next(n, 0);  // per buyer column: its next flow
    for (std::uint32_t i = 0; i < n; ++i) {
        std::fill(row.begin(), row.end(), 0.0);
        for (std::size_t j = 0; j < n; ++j)
            if (next[j] < t.z[j].size() && t.z[j][next[j]].first == i)
                row[j] = t.z[j][next[j]++].second;
        fmt::format_to(std::back_inserter(buf), "{},{}", t.region[i], t.sector[i]);
        for (const double v : row) fmt::format_to(std::back_inserter(buf), ",{}", v);
        buf.push_back('\n');
        flush(z, false);
    }
    flush(z, true);
    // Y: one column per category.
    std::ostream& y = files.open("Y.csv");
    fmt::format_to(std::back_inserter(buf), "region,sector");
    for (const std::string& c : t.final_demand) fmt::format_to(std::back_inserter(buf), ",{}", c);
    buf.push_back('\n');
    std::vector<std::size_t> at(t.y.size(), 0);
    for (std::uint32_t i = 0; i < n; ++i) {
        fmt::format_to(std::back_inserter(buf), "{},{}", t.region[i], t.sector[i]);
        for (std::size_t c = 0; c < t.y.size(); ++c) {
            double v = 0.0;
            if (at[c] < t.y[c].size() && t.y[c][at[c]].first == i) v = t.y[c][at[c]++].second;
            fmt::format_to(std::back_inserter(buf), ",{}", v);
        }
        buf.push_back('\n');
    }
    flush(y, true);
    std::ostream& x = files.open("x.csv");
    fmt::format_to(std::back_inserter(buf), "region,sector,x\n");
    for (std::size_t i = 0; i < n; ++i)
        fmt::format_to(std::back_inserter(buf), "{},{},{}\n", t.region[i], t.sector[i], t.x[i]);
    flush(x, true);
    files.commit();
}

}  // namespace shockflow
