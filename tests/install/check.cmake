# Installs the build into a fresh prefix, then checks it as a user would:
#  1. a separate CMake project finds the package, links shockflow::shockflow,
#     runs the minimal scenario and writes its files;
#  2. those files equal what the installed program writes for the same run;
#  3. the installed program finds its chart library (when the build has one)
#     and writes report.html;
#  4. the installed headers are the public ones only, and they compile in the
#     consumer project (none needs an internal header of src/).
#   cmake -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK=... -DGENERATOR=... -P check.cmake
foreach(_var BUILD_DIR SOURCE_DIR WORK GENERATOR)
    if(NOT DEFINED ${_var})
        message(FATAL_ERROR "check.cmake: -D${_var}=... is required")
    endif()
endforeach()

include("${CMAKE_CURRENT_LIST_DIR}/../run_step.cmake")

file(REMOVE_RECURSE "${WORK}")
set(_prefix "${WORK}/prefix")
set(_scenario "${SOURCE_DIR}/scenarios/minimal/scenario.toml")
run_step("cmake --install" "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${_prefix}")
foreach(_file bin/shockflow lib/libshockflow.a include/shockflow/model/simulation.hpp
              include/shockflow/model/kpi.hpp include/shockflow/io/comparison_files.hpp
              lib/cmake/shockflow/shockflowConfig.cmake
              lib/cmake/shockflow/shockflowConfigVersion.cmake)
    if(NOT EXISTS "${_prefix}/${_file}")
        message(FATAL_ERROR "not installed: ${_file}")
    endif()
endforeach()
# Output plumbing and terminal widgets are internal (src/core, src/io).
foreach(_file include/shockflow/io/atomic_output.hpp include/shockflow/experiment/progress.hpp
              include/shockflow/experiment/report.hpp)
    if(EXISTS "${_prefix}/${_file}")
        message(FATAL_ERROR "an internal header was installed: ${_file}")
    endif()
endforeach()

# A file that includes every installed header.
file(GLOB_RECURSE _headers RELATIVE "${_prefix}/include" "${_prefix}/include/shockflow/*.hpp")
list(SORT _headers)
set(_text "")
foreach(_header IN LISTS _headers)
    string(APPEND _text "#include \"${_header}\"\n")
endforeach()
file(WRITE "${WORK}/all_headers.cpp" "${_text}")

run_step("configuring the consumer project" "${CMAKE_COMMAND}" -S "${SOURCE_DIR}/tests/install/consumer"
         -B "${WORK}/consumer" -G "${GENERATOR}" "-DCMAKE_PREFIX_PATH=${_prefix}"
         -DCMAKE_BUILD_TYPE=Release "-DALL_HEADERS=${WORK}/all_headers.cpp")
run_step("building the consumer project" "${CMAKE_COMMAND}" --build "${WORK}/consumer")
run_step("running the consumer" "${WORK}/consumer/consumer" "${_scenario}" "${WORK}/by_library")
if(NOT step_output MATCHES "scenario minimal\nfill_rate [0-9.e+-]+\nessential_fill_rate ")
    message(FATAL_ERROR "unexpected consumer output:\n${step_output}")
endif()

run_step("the installed program" "${_prefix}/bin/shockflow" run "${_scenario}"
         --out "${WORK}/by_program" --quiet)
foreach(_file timeseries.csv regions.csv firms.csv)
    file(READ "${WORK}/by_library/${_file}" _a)
    file(READ "${WORK}/by_program/${_file}" _b)
    if(NOT _a STREQUAL _b)
        message(FATAL_ERROR "${_file} differs between the library and the program")
    endif()
endforeach()

if(EXISTS "${BUILD_DIR}/share/shockflow/report/vega.min.js")
    run_step("the installed program with --report" "${_prefix}/bin/shockflow" run "${_scenario}"
             --out "${WORK}/report" --report)
    if(NOT EXISTS "${WORK}/report/report.html" OR step_output MATCHES "no report")
        message(FATAL_ERROR "the installed program wrote no report:\n${step_output}")
    endif()
else()
    message(STATUS "this build has no chart library: the report check is skipped")
endif()
