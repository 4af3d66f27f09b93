set(SHOCKFLOW_EXPERIMENT_SOURCES
    src/experiment/statistics.cpp
    src/experiment/compare.cpp
    src/experiment/report.cpp
    src/experiment/table.cpp
    src/experiment/progress.cpp)
