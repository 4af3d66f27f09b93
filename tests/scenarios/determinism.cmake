# Runs shockflow twice on the same inputs and requires byte-identical files.
#   cmake -DSHOCKFLOW=EXE -DSCENARIO=FILE -DOUT=DIR -DMODE=run|compare -P determinism.cmake
# MODE=run:     `run SCENARIO` twice.
# MODE=compare: `compare SCENARIO` over the policies/*.toml beside it (a policy
#               with every lever off if there are none), on 1 thread, then on 2.
foreach(_var SHOCKFLOW SCENARIO OUT MODE)
    if(NOT DEFINED ${_var})
        message(FATAL_ERROR "determinism.cmake: -D${_var}=... is required")
    endif()
endforeach()

if(MODE STREQUAL "run")
    set(_files timeseries.csv regions.csv firms.csv summary.json)
    set(_args_a run "${SCENARIO}")
    set(_args_b run "${SCENARIO}")
elseif(MODE STREQUAL "compare")
    set(_files comparison.json comparison.csv replications.csv comparison_long.csv daily.csv)
    get_filename_component(_dir "${SCENARIO}" DIRECTORY)
    file(GLOB _policies "${_dir}/policies/*.toml")
    list(SORT _policies)
    set(_policy_args "")
    foreach(_p IN LISTS _policies)
        list(APPEND _policy_args --policy "${_p}")
    endforeach()
    if(NOT _policy_args)
        set(_policy_args --policy "${CMAKE_CURRENT_LIST_DIR}/cli/all_off.toml")
    endif()
    set(_args_a compare "${SCENARIO}" ${_policy_args} --replications 6 --threads 1)
    set(_args_b compare "${SCENARIO}" ${_policy_args} --replications 6 --threads 2)
else()
    message(FATAL_ERROR "determinism.cmake: MODE must be run or compare, not '${MODE}'")
endif()

file(REMOVE_RECURSE "${OUT}")
foreach(_run a b)
    execute_process(COMMAND "${SHOCKFLOW}" ${_args_${_run}} --out "${OUT}/${_run}" --quiet
                    RESULT_VARIABLE _rc)
    if(NOT _rc EQUAL 0)
        message(FATAL_ERROR "shockflow ${_args_${_run}} exited with ${_rc}")
    endif()
endforeach()

foreach(_f IN LISTS _files)
    execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${OUT}/a/${_f}" "${OUT}/b/${_f}"
                    RESULT_VARIABLE _differ)
    if(NOT _differ EQUAL 0)
        message(FATAL_ERROR "${_f} differs between two runs on the same inputs: "
                            "${OUT}/a/${_f} vs ${OUT}/b/${_f}")
    endif()
    message(STATUS "${_f}: identical")
endforeach()
