# The KPI table of docs/MODEL.md is the registry's (src/model/kpi.cpp): the
# lines between its BEGIN and END markers equal `shockflow kpis --markdown`.
#   cmake -DSHOCKFLOW=... -DDOC=docs/MODEL.md -P kpi_table.cmake
foreach(_var SHOCKFLOW DOC)
    if(NOT DEFINED ${_var})
        message(FATAL_ERROR "kpi_table.cmake: -D${_var}=... is required")
    endif()
endforeach()

execute_process(COMMAND "${SHOCKFLOW}" kpis --markdown RESULT_VARIABLE _rc
                OUTPUT_VARIABLE _expected ERROR_VARIABLE _err)
if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "shockflow kpis --markdown failed (${_rc}):\n${_err}")
endif()

file(READ "${DOC}" _doc)
string(FIND "${_doc}" "<!-- BEGIN kpi table" _begin)
string(FIND "${_doc}" "<!-- END kpi table -->" _end)
if(_begin EQUAL -1 OR _end EQUAL -1 OR _end LESS _begin)
    message(FATAL_ERROR "${DOC}: no <!-- BEGIN kpi table ... --> ... <!-- END kpi table --> block")
endif()
# The table starts on the line after the BEGIN marker.
string(SUBSTRING "${_doc}" ${_begin} -1 _from_begin)
string(FIND "${_from_begin}" "\n" _eol)
math(EXPR _start "${_begin} + ${_eol} + 1")
math(EXPR _length "${_end} - ${_start}")
string(SUBSTRING "${_doc}" ${_start} ${_length} _actual)

if(NOT _actual STREQUAL _expected)
    message(FATAL_ERROR "${DOC}: the KPI table differs from the registry. Replace the lines "
                        "between the markers with the output of `shockflow kpis --markdown`:\n"
                        "${_expected}\nThe file has:\n${_actual}")
endif()
message(STATUS "${DOC}: the KPI table matches the registry")
