# The shockflow program run as child processes (process/child.hpp): kill -9
# at every step of a commit and at random moments, concurrent runs into one
# folder, SIGINT and SIGTERM, and compare --resume after each kind of
# interruption (fault points: src/core/fault_point.hpp, docs/TESTING.md).
# Sanitizer builds run each child several times slower than release: a
# longer time limit per test.
shockflow_add_test_executable(process_tests
    process/commit_test.cpp
    process/signal_test.cpp
    process/resume_test.cpp
    process/sweep_test.cpp
    TIMEOUT 400)
add_dependencies(process_tests shockflow)
target_compile_definitions(process_tests PRIVATE
    SHOCKFLOW_EXE="$<TARGET_FILE:shockflow>"
    SHOCKFLOW_REPORT_ASSETS_DIR="${SHOCKFLOW_REPORT_ASSETS_DIR}")
