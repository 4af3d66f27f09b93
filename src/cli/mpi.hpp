#pragma once
/// shockflow-mpi: the same program, with `compare` spread over the ranks of an
/// MPI job (`mpirun -n N shockflow-mpi compare ...`). Built only when CMake
/// finds MPI; nothing else includes <mpi.h>.

#include "cli/commands.hpp"

namespace shockflow::cli {

/// MPI for the life of the program: MPI_Init in the constructor, MPI_Finalize
/// in the destructor. Ranks other than 0 print nothing: their stdout and
/// stderr go to /dev/null, so a message or a table appears once.
class MpiSession {
public:
    MpiSession(int& argc, char**& argv);
    ~MpiSession();
    MpiSession(const MpiSession&) = delete;
    MpiSession& operator=(const MpiSession&) = delete;

    /// This rank and the job's size, with the gather that puts the shards of
    /// a comparison together on rank 0.
    [[nodiscard]] Processes processes() const;
    /// Ends every rank of the job (an internal error on one rank must not
    /// leave the others waiting in a collective).
    [[noreturn]] void abort(int status) const;

private:
    int rank_ = 0;
    int size_ = 1;
};

}  // namespace shockflow::cli
