# shockflow-mpi: the same program as shockflow, with `compare` spread over the
# ranks of an MPI job (src/cli/mpi.cpp). Built only when MPI is found (Debian:
# libopenmpi-dev); without it nothing else changes.
if(SHOCKFLOW_MPI)
    find_package(MPI COMPONENTS CXX QUIET)
endif()
if(SHOCKFLOW_MPI AND MPI_CXX_FOUND)
    add_executable(shockflow-mpi src/cli/main.cpp src/cli/mpi.cpp ${SHOCKFLOW_CLI_SOURCES})
    target_compile_definitions(shockflow-mpi PRIVATE SHOCKFLOW_WITH_MPI)
    target_include_directories(shockflow-mpi PRIVATE "${CMAKE_SOURCE_DIR}/src")
    target_link_libraries(shockflow-mpi PRIVATE shockflow::shockflow CLI11::CLI11
                          nlohmann_json::nlohmann_json MPI::MPI_CXX shockflow_warnings
                          shockflow_sanitizers)
    add_dependencies(shockflow-mpi shockflow_report_assets)
    set(SHOCKFLOW_HAVE_MPI ON)
    message(STATUS "shockflow: MPI found, building shockflow-mpi")
else()
    set(SHOCKFLOW_HAVE_MPI OFF)
    message(STATUS "shockflow: MPI not found (or SHOCKFLOW_MPI=OFF): no shockflow-mpi")
endif()
