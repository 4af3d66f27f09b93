# tests of src/scenario
shockflow_add_test_executable(scenario_tests
    unit/scenario/bad_config_test.cpp
    unit/scenario/csv_test.cpp
    unit/scenario/event_days_test.cpp
    unit/scenario/events_test.cpp
    unit/scenario/foreign_input_test.cpp
    unit/scenario/limits_test.cpp
    unit/scenario/io_table_test.cpp
    unit/scenario/loader_test.cpp
    unit/scenario/mutation_test.cpp
    unit/scenario/overlay_test.cpp
    unit/scenario/policy_test.cpp
    unit/scenario/position_test.cpp
    unit/scenario/table_keys_test.cpp
    unit/scenario/text_test.cpp
    unit/scenario/validation_test.cpp
    unit/scenario/warnings_test.cpp)
