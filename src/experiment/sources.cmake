set(SHOCKFLOW_EXPERIMENT_SOURCES
    src/experiment/statistics.cpp
    src/experiment/compare.cpp)
