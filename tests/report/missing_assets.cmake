# cmake -DSHOCKFLOW=... -DSCENARIO=... -DOUT=... -P missing_assets.cmake
# `run --report` without the chart library: exit 0, the three result files,
# no report.html, and a one-line notice naming the files, the folder searched
# and the fix.
file(REMOVE_RECURSE "${OUT}")
set(_empty "${OUT}.no-library")
file(MAKE_DIRECTORY "${_empty}")
execute_process(
    COMMAND "${CMAKE_COMMAND}" -E env "SHOCKFLOW_REPORT_ASSETS=${_empty}"
            "${SHOCKFLOW}" run "${SCENARIO}" --out "${OUT}" --report --quiet
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "exit status ${_rc}, expected 0\n${_err}")
endif()
foreach(_file IN ITEMS timeseries.csv regions.csv firms.csv summary.json)
    if(NOT EXISTS "${OUT}/${_file}")
        message(FATAL_ERROR "${_file} was not written")
    endif()
endforeach()
if(EXISTS "${OUT}/report.html")
    message(FATAL_ERROR "report.html was written without the chart library")
endif()
string(STRIP "${_err}" _err)
if(_err MATCHES "\n")
    message(FATAL_ERROR "the notice is not one line:\n${_err}")
endif()
foreach(_needle IN ITEMS "no report.html" "vega.min.js" "vega-lite.min.js" "vega-embed.min.js"
                         "${_empty}" "npm ci --prefix report")
    string(FIND "${_err}" "${_needle}" _at)
    if(_at EQUAL -1)
        message(FATAL_ERROR "the notice does not mention \"${_needle}\":\n${_err}")
    endif()
endforeach()
message(STATUS "notice: ${_err}")
