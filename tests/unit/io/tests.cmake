# tests of src/io
shockflow_add_test_executable(io_tests
    unit/io/compare_journal_test.cpp
    unit/io/comparison_files_test.cpp
    unit/io/format_test.cpp
    unit/io/progress_test.cpp
    unit/io/report_map_test.cpp
    unit/io/report_test.cpp
    unit/io/run_writer_test.cpp)
