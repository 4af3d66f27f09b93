#pragma once
/// Fault injection for the tests of crash safety (private to src/).
///
/// The environment variable SHOCKFLOW_FAULT=NAME[@N][:pause] makes the N-th
/// call (default: the first) of fault_point("NAME") either kill the process
/// with SIGKILL, as `kill -9` would at that moment, or, with `:pause`, print
/// "shockflow: paused at NAME" on stderr and wait there for a signal. Without
/// the variable a fault point does nothing but compare a pointer.
/// The points are listed in docs/TESTING.md.

#include <string_view>

namespace shockflow {

void fault_point(std::string_view name);

}  // namespace shockflow
