shockflow_add_test_executable(core_tests
    unit/core/time_random_test.cpp
    unit/core/atomic_output_test.cpp
    unit/core/atomic_output_errors_test.cpp
    unit/core/interned_test.cpp)
