set(SHOCKFLOW_SCENARIO_SOURCES
    src/scenario/context.cpp
    src/scenario/csv.cpp
    src/scenario/csv_cells.cpp
    src/scenario/distribution.cpp
    src/scenario/event_days.cpp
    src/scenario/load_design.cpp
    src/scenario/load_events.cpp
    src/scenario/load_network.cpp
    src/scenario/load_nodes.cpp
    src/scenario/load_policy.cpp
    src/scenario/load_products.cpp
    src/scenario/load_scenario.cpp
    src/scenario/names.cpp
    src/scenario/network_checks.cpp
    src/scenario/overlay.cpp
    src/scenario/overrides.cpp
    src/scenario/productivity.cpp
    src/scenario/supply_graph.cpp
    src/scenario/text.cpp
    src/scenario/toml_reader.cpp
    src/scenario/validate_refs.cpp
    src/scenario/warnings.cpp)
# Generated networks and writing scenarios back to files.
list(APPEND SHOCKFLOW_SCENARIO_SOURCES
    src/scenario/generate.cpp
    src/scenario/write_scenario.cpp)
# Input-output tables: reading, importing as a scenario, random tables.
list(APPEND SHOCKFLOW_SCENARIO_SOURCES
    src/scenario/io_generate.cpp
    src/scenario/io_import.cpp
    src/scenario/io_table_read.cpp)
