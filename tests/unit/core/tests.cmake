shockflow_add_test_executable(core_tests
    unit/core/time_random_test.cpp)
