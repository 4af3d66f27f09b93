# libFuzzer targets (SHOCKFLOW_FUZZ=ON; the `fuzz` preset): fuzz_scenario_toml,
# fuzz_csv_tables and fuzz_policy, each the harness of tests/fuzz/harness.hpp
# under libFuzzer, with the whole library built with AddressSanitizer and
# UndefinedBehaviorSanitizer and coverage instrumentation
# (cmake/sanitizers.cmake). `cmake --build --preset fuzz` builds them and
# their seed corpora (<build>/fuzz-seeds/<target>); tests/fuzz/run.sh runs them.
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "SHOCKFLOW_FUZZ needs clang, whose libFuzzer it uses: cmake --preset fuzz")
endif()

add_custom_target(fuzz_seeds
    COMMAND "${CMAKE_COMMAND}" "-DSOURCE_DIR=${CMAKE_SOURCE_DIR}"
            "-DOUT=${CMAKE_BINARY_DIR}/fuzz-seeds" -P "${CMAKE_SOURCE_DIR}/tests/fuzz/seeds.cmake"
    COMMENT "Gathering the fuzz targets' seed corpora"
    VERBATIM)
add_custom_target(fuzz DEPENDS fuzz_seeds)

# The harness needs the layers up to model only: building no more keeps the
# fuzz build short.
add_library(shockflow_fuzz_layers STATIC $<TARGET_OBJECTS:shockflow_core>
            $<TARGET_OBJECTS:shockflow_scenario> $<TARGET_OBJECTS:shockflow_model>)
target_include_directories(shockflow_fuzz_layers PUBLIC "${CMAKE_SOURCE_DIR}/include"
                           "${CMAKE_SOURCE_DIR}/src" "${CMAKE_SOURCE_DIR}/tests")
target_link_libraries(shockflow_fuzz_layers PUBLIC fmt::fmt tomlplusplus::tomlplusplus
                      Eigen3::Eigen Boost::graph shockflow_sanitizers)
add_library(shockflow_fuzz_harness OBJECT tests/fuzz/harness.cpp)
target_compile_definitions(shockflow_fuzz_harness PRIVATE
    SHOCKFLOW_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
target_link_libraries(shockflow_fuzz_harness PRIVATE shockflow_fuzz_layers shockflow_warnings)
foreach(_target scenario_toml csv_tables policy)
    add_executable(fuzz_${_target} tests/fuzz/fuzz_main.cpp
                   $<TARGET_OBJECTS:shockflow_fuzz_harness>)
    target_compile_definitions(fuzz_${_target} PRIVATE SHOCKFLOW_FUZZ_TARGET=${_target})
    target_link_libraries(fuzz_${_target} PRIVATE shockflow_fuzz_layers shockflow_warnings)
    target_link_options(fuzz_${_target} PRIVATE -fsanitize=fuzzer)
    add_dependencies(fuzz fuzz_${_target})
endforeach()
