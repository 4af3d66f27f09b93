# A run or comparison that writes no report.html removes one left in its --out
# directory by an earlier command (it would show other results): without
# --report, and with --report when the chart library is missing.
#   cmake -DSHOCKFLOW=EXE -DSCENARIO=FILE -DPOLICY=FILE -DOUT=DIR -P stale_report.cmake
foreach(_var SHOCKFLOW SCENARIO POLICY OUT)
    if(NOT DEFINED ${_var})
        message(FATAL_ERROR "stale_report.cmake: -D${_var}=... is required")
    endif()
endforeach()
file(REMOVE_RECURSE "${OUT}")

function(check_removes name file)
    set(_dir "${OUT}/${name}")
    file(WRITE "${_dir}/report.html" "a report of an earlier run\n")
    execute_process(COMMAND ${ARGN} --out "${_dir}" RESULT_VARIABLE _rc OUTPUT_VARIABLE _out
                    ERROR_VARIABLE _err)
    if(NOT _rc EQUAL 0)
        message(FATAL_ERROR "${name}: exit status ${_rc}\n${_out}\n${_err}")
    endif()
    if(EXISTS "${_dir}/report.html")
        message(FATAL_ERROR "${name}: the stale report.html is still there")
    endif()
    if(NOT EXISTS "${_dir}/${file}")
        message(FATAL_ERROR "${name}: ${file} was not written")
    endif()
    if(NOT _out MATCHES "removed the report.html of an earlier run")
        message(FATAL_ERROR "${name}: the removal was not mentioned:\n${_out}")
    endif()
endfunction()

check_removes(run summary.json "${SHOCKFLOW}" run "${SCENARIO}")
check_removes(compare comparison.csv
              "${SHOCKFLOW}" compare "${SCENARIO}" --policy "${POLICY}" --replications 2)
check_removes(run_without_library summary.json
              "${CMAKE_COMMAND}" -E env "SHOCKFLOW_REPORT_ASSETS=${OUT}/no-library"
              "${SHOCKFLOW}" run "${SCENARIO}" --report)
