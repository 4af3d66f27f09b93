# An overlay, or --set, gives the same results as the equivalent full copy of
# the case. The copy is written here, into OUT/copy, by editing the case's own
# files as a planner would by hand; then both are run and their result files
# compared byte for byte.
#   cmake -DSHOCKFLOW=EXE -DCASE=<scenarios/twelve_day_conflict> -DOUT=DIR
#         -DMODE=overlay|set -P overlay_equivalence.cmake
# overlay: whatif_isfahan.toml against scenario.toml with its two events added.
# set: scenario.toml with one --set of each kind against the copy so edited.
foreach(_var SHOCKFLOW CASE OUT MODE)
    if(NOT DEFINED ${_var})
        message(FATAL_ERROR "overlay_equivalence.cmake: -D${_var}=... is required")
    endif()
endforeach()
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}/copy")

# Replaces the one `from` in the text of variable `var`; an edit that finds
# nothing to change would make the test prove nothing.
function(edit var from to)
    string(FIND "${${var}}" "${from}" _at)
    if(_at EQUAL -1)
        message(FATAL_ERROR "the case no longer holds:\n${from}")
    endif()
    string(REPLACE "${from}" "${to}" _text "${${var}}")
    set(${var} "${_text}" PARENT_SCOPE)
endfunction()

file(READ "${CASE}/scenario.toml" _scenario)
file(READ "${CASE}/nodes.csv" _nodes)
file(READ "${CASE}/links.csv" _links)
if(MODE STREQUAL "overlay")
    set(_run "${CASE}/whatif_isfahan.toml")
    set(_sets "")
    edit(_scenario "\nname = \"twelve_day_conflict\"\n"
         "\nname = \"twelve_day_conflict_whatif_isfahan\"\n")
    string(APPEND _scenario "
[[event]]
name = \"isfahan_pharma\"
kind = \"strike\"
target = \"p_isfahan_pharma1\"
day = 1.3
capacity_loss = 0.7
firms_damaged = 0.5
repair_days = 30
recovery = \"linear\"

[[event]]
name = \"cut_isfahan_pharma_depot\"
kind = \"link_cut\"
link = \"p_isfahan_pharma1->d_isfahan\"
day = 1.3
duration_days = 10
")
elseif(MODE STREQUAL "set")
    set(_run "${CASE}/scenario.toml")
    set(_sets --set "scenario.end_day=25"
              --set "event.isfahan_food.capacity_loss=0.6"
              --set "node.p_isfahan_pharma1.capacity.medicine=500"
              --set "link.p_isfahan_pharma1->d_isfahan.capacity=600"
              --set "policy.reroute=true")
    edit(_scenario "\nend_day = 30 " "\nend_day = 25 ")
    edit(_scenario "name = \"isfahan_food\"\nkind = \"strike\"\ntarget = \"p_isfahan_food1\"\nday = 1.3\ncapacity_loss = 0.3\n"
         "name = \"isfahan_food\"\nkind = \"strike\"\ntarget = \"p_isfahan_food1\"\nday = 1.3\ncapacity_loss = 0.6\n")
    edit(_nodes "\np_isfahan_pharma1,park,province:isfahan;sector:pharma,749,,4,,1330,"
         "\np_isfahan_pharma1,park,province:isfahan;sector:pharma,749,,4,,500,")
    edit(_links "\np_isfahan_pharma1,d_isfahan,1120,3," "\np_isfahan_pharma1,d_isfahan,600,3,")
    string(APPEND _scenario "\n[policy]\nreroute = true\n")
else()
    message(FATAL_ERROR "overlay_equivalence.cmake: unknown MODE ${MODE}")
endif()
file(WRITE "${OUT}/copy/scenario.toml" "${_scenario}")
file(WRITE "${OUT}/copy/nodes.csv" "${_nodes}")
file(WRITE "${OUT}/copy/links.csv" "${_links}")

foreach(_side IN ITEMS copy changed)
    if(_side STREQUAL "copy")
        set(_args "${OUT}/copy/scenario.toml")
    else()
        set(_args "${_run}" ${_sets})
    endif()
    execute_process(COMMAND "${SHOCKFLOW}" run ${_args} --out "${OUT}/${_side}.out" --quiet
                    RESULT_VARIABLE _rc ERROR_VARIABLE _err)
    if(NOT _rc STREQUAL "0")
        message(FATAL_ERROR "shockflow run ${_args}: exit status ${_rc}\n${_err}")
    endif()
endforeach()
foreach(_file IN ITEMS timeseries.csv regions.csv firms.csv)
    execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${OUT}/copy.out/${_file}"
                            "${OUT}/changed.out/${_file}" RESULT_VARIABLE _differ)
    if(_differ)
        message(FATAL_ERROR "${_file} of the ${MODE} differs from that of the full copy")
    endif()
endforeach()
# The change must show: a run of the case as it is differs.
execute_process(COMMAND "${SHOCKFLOW}" run "${CASE}/scenario.toml" --out "${OUT}/case.out" --quiet
                RESULT_VARIABLE _rc)
execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${OUT}/case.out/timeseries.csv"
                        "${OUT}/changed.out/timeseries.csv" RESULT_VARIABLE _differ)
if(_rc OR NOT _differ)
    message(FATAL_ERROR "the ${MODE} changed nothing in timeseries.csv")
endif()
