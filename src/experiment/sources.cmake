set(SHOCKFLOW_EXPERIMENT_SOURCES
    src/experiment/statistics.cpp
    src/experiment/sensitivity.cpp
    src/experiment/compare.cpp
    src/experiment/stress.cpp
    src/experiment/stress_targets.cpp
    src/experiment/sweep.cpp)
