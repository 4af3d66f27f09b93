# tests of src/experiment
# compare_test runs the real simulate() on a tiny inline scenario; the others
# need no model.
shockflow_add_test_executable(experiment_tests
    unit/experiment/statistics_test.cpp
    unit/experiment/sensitivity_test.cpp
    unit/experiment/compare_test.cpp
    unit/experiment/cost_of_stock_test.cpp
    unit/experiment/coverage_test.cpp
    unit/experiment/stress_test.cpp
    unit/experiment/sweep_test.cpp)
