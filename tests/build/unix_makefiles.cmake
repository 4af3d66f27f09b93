# The project builds with the Unix Makefiles generator too, not only with the
# presets' Ninja: configures it in a scratch folder and builds the steps that
# differ between generators at little cost, the report's chart library step
# (Make, unlike Ninja, does not create the folders of a custom command's
# outputs) and the lowest layer (include roots made at configure time).
# .ci/run builds everything with Make.
#   cmake -DSOURCE_DIR=... -DWORK=... -DBUILD_TYPE=... -P unix_makefiles.cmake
foreach(_var SOURCE_DIR WORK BUILD_TYPE)
    if(NOT DEFINED ${_var})
        message(FATAL_ERROR "unix_makefiles.cmake: -D${_var}=... is required")
    endif()
endforeach()

include("${CMAKE_CURRENT_LIST_DIR}/../run_step.cmake")

file(REMOVE_RECURSE "${WORK}")
# SHOCKFLOW_NPM empty: the step runs, warns that npm is missing and writes its
# stamp, without `npm ci` replacing report/node_modules under other tests.
run_step("configuring with Unix Makefiles" "${CMAKE_COMMAND}" -S "${SOURCE_DIR}" -B "${WORK}"
         -G "Unix Makefiles" "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}" -DSHOCKFLOW_BUILD_TESTS=OFF
         -DSHOCKFLOW_BUILD_BENCHMARKS=OFF -DSHOCKFLOW_MPI=OFF -DSHOCKFLOW_NPM=)
run_step("building with Unix Makefiles" "${CMAKE_COMMAND}" --build "${WORK}" --parallel 2
         --target shockflow_report_assets shockflow_core)
if(NOT EXISTS "${WORK}/report/npm-ci.stamp")
    message(FATAL_ERROR "the report step left no stamp: ${WORK}/report/npm-ci.stamp")
endif()
