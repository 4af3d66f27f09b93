set(SHOCKFLOW_IO_SOURCES
    src/io/atomic_output.cpp
    src/io/kpi_table.cpp
    src/io/number_format.cpp
    src/io/run_writer.cpp
    src/io/text_table.cpp)
set(SHOCKFLOW_CLI_SOURCES
    src/cli/commands.cpp)
