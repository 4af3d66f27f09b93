#include "cli/mpi.hpp"

#include <mpi.h>

#include <cstdint>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <vector>

#include "shockflow/experiment/compare.hpp"

namespace shockflow::cli {
namespace {

// Puts every rank's samples (and daily fill) into `c` on rank 0. Each owned
// pair travels as one record of the KPI values, their censoring flags (0 or
// 1) and the daily fill rates, in increasing pair order; every record has
// the same length.
void gather(experiment::Comparison& c, int rank, int size) {
    const std::size_t policies = c.policies.size();
    const auto replications = static_cast<std::size_t>(c.replications);
    const std::size_t pairs = policies * replications;
    const std::size_t kpis = c.kpi_names.size();
    const bool daily = !c.daily_essential_fill.empty();
    // Every rank's records have the length of pair 0's, which rank 0 runs.
    std::size_t days = 0;
    if (daily)
        for (std::size_t i = 0; i < pairs && days == 0; ++i)
            days = c.daily_essential_fill[i / replications][i % replications].size();
    unsigned long long record = 2 * kpis + days;
    MPI_Bcast(&record, 1, MPI_UNSIGNED_LONG_LONG, 0, MPI_COMM_WORLD);
    days = static_cast<std::size_t>(record) - 2 * kpis;

    std::vector<double> mine;
    // Pair i = p * replications + k belongs to rank i mod size (compare_shard).
    for (auto i = static_cast<std::size_t>(rank); i < pairs; i += static_cast<std::size_t>(size)) {
        const auto& sample = c.policies[i / replications].samples[i % replications];
        mine.insert(mine.end(), sample.begin(), sample.end());
        for (const std::uint8_t flag : c.policies[i / replications].censored[i % replications])
            mine.push_back(flag);
        if (daily) {
            const auto& fill = c.daily_essential_fill[i / replications][i % replications];
            if (fill.size() != days) throw std::logic_error("daily fill of unequal length");
            mine.insert(mine.end(), fill.begin(), fill.end());
        }
    }
    std::vector<int> counts(static_cast<std::size_t>(size)), displs(static_cast<std::size_t>(size));
    std::size_t total = 0;
    for (int r = 0; r < size; ++r) {
        const std::size_t n = experiment::shard_size(pairs, static_cast<std::size_t>(r),
                                                     static_cast<std::size_t>(size)) *
                              record;
        if (total + n > static_cast<std::size_t>(std::numeric_limits<int>::max()))
            throw std::length_error("comparison too large to gather in one message");
        counts[static_cast<std::size_t>(r)] = static_cast<int>(n);
        displs[static_cast<std::size_t>(r)] = static_cast<int>(total);
        total += n;
    }
    std::vector<double> all(rank == 0 ? total : 0);
    MPI_Gatherv(mine.data(), static_cast<int>(mine.size()), MPI_DOUBLE, all.data(), counts.data(),
                displs.data(), MPI_DOUBLE, 0, MPI_COMM_WORLD);
    if (rank != 0) return;
    for (int r = 1; r < size; ++r) {
        const double* at = all.data() + displs[static_cast<std::size_t>(r)];
        for (std::size_t i = static_cast<std::size_t>(r); i < pairs;
             i += static_cast<std::size_t>(size)) {
            auto& sample = c.policies[i / replications].samples[i % replications];
            sample.assign(at, at + kpis);
            at += kpis;
            auto& flags = c.policies[i / replications].censored[i % replications];
            for (std::size_t j = 0; j < kpis; ++j) flags[j] = at[j] != 0.0 ? 1 : 0;
            at += kpis;
            if (daily) {
                c.daily_essential_fill[i / replications][i % replications].assign(at, at + days);
                at += days;
            }
        }
    }
}

}  // namespace

MpiSession::MpiSession(int& argc, char**& argv) {
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
    if (rank_ != 0) {
        // Best effort: a rank that cannot silence itself still computes correctly.
        (void)std::freopen("/dev/null", "w", stdout);
        (void)std::freopen("/dev/null", "w", stderr);
    }
}

MpiSession::~MpiSession() { MPI_Finalize(); }

Processes MpiSession::processes() const {
    Processes p;
    p.rank = static_cast<std::size_t>(rank_);
    p.size = static_cast<std::size_t>(size_);
    const int rank = rank_, size = size_;
    p.gather = [rank, size](experiment::Comparison& c) { gather(c, rank, size); };
    return p;
}

void MpiSession::abort(int status) const {
    MPI_Abort(MPI_COMM_WORLD, status);
    std::abort();  // MPI_Abort does not return; this keeps [[noreturn]] honest
}

}  // namespace shockflow::cli
