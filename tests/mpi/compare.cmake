# shockflow-mpi under mpiexec writes the same files as shockflow on one
# process, byte for byte, for 2 and 3 ranks (3 does not divide the 2 x 7
# (policy, replication) pairs evenly); the report included when this build
# has the chart library. So does a compare killed on 2 ranks and resumed
# (--resume) on 3 ranks or on one process. A bad input is reported once and exits with 2. The
# warnings of a scenario are printed once; with --werror they are errors.
#   cmake -DSHOCKFLOW=... -DSHOCKFLOW_MPI=... -DMPIEXEC=... -DNP_FLAG=...
#         -DSCENARIO=... -DPOLICY_A=... -DPOLICY_B=... -DBAD_POLICY=...
#         -DOUT=... [-DWARNED=<a scenario with warnings>]
#         [-DASSETS=<the build's chart library>] -P compare.cmake
foreach(_var SHOCKFLOW SHOCKFLOW_MPI MPIEXEC NP_FLAG SCENARIO POLICY_A POLICY_B BAD_POLICY OUT)
    if(NOT DEFINED ${_var})
        message(FATAL_ERROR "compare.cmake: -D${_var}=... is required")
    endif()
endforeach()
file(REMOVE_RECURSE "${OUT}")

# Open MPI needs --oversubscribe for more ranks than cores.
execute_process(COMMAND "${MPIEXEC}" --version OUTPUT_VARIABLE _version ERROR_VARIABLE _version)
set(_over "")
if(_version MATCHES "Open MPI|OpenRTE")
    set(_over --oversubscribe)
endif()

set(_args compare "${SCENARIO}" --policy "${POLICY_A}" --policy "${POLICY_B}" --replications 7
          --seed 3 --quiet)
set(_files comparison.csv comparison.json replications.csv comparison_long.csv daily.csv)
if(ASSETS AND EXISTS "${ASSETS}/vega.min.js")
    list(APPEND _args --report)
    list(APPEND _files report.html)
endif()

execute_process(COMMAND "${SHOCKFLOW}" ${_args} --out "${OUT}/one" RESULT_VARIABLE _rc
                ERROR_VARIABLE _err)
if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "shockflow compare failed (${_rc}): ${_err}")
endif()
foreach(_np 2 3)
    execute_process(COMMAND "${MPIEXEC}" ${NP_FLAG} ${_np} ${_over} "${SHOCKFLOW_MPI}" ${_args}
                            --out "${OUT}/mpi${_np}"
                    RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
    if(NOT _rc EQUAL 0)
        message(FATAL_ERROR "mpiexec ${NP_FLAG} ${_np} shockflow-mpi failed (${_rc}):\n${_out}\n${_err}")
    endif()
    foreach(_file IN LISTS _files)
        file(READ "${OUT}/one/${_file}" _a)
        file(READ "${OUT}/mpi${_np}/${_file}" _b)
        if(NOT _a STREQUAL _b)
            message(FATAL_ERROR "${_file} differs between 1 process and ${_np} ranks")
        endif()
    endforeach()
    message(STATUS "${_np} ranks: ${_files} identical to one process")
endforeach()

# compare --resume: each rank appends its finished pairs to its own journal.
# Two ranks, each killed with SIGKILL at its third record (the first such
# kill ends the job), the last record of rank 1's journal torn, then resumed
# over 3 ranks, and from the same leftovers on one process: the files of one
# uninterrupted process, and no journal left.
foreach(_np 3 1)
    set(_dir "${OUT}/resume${_np}")
    execute_process(COMMAND "${CMAKE_COMMAND}" -E env SHOCKFLOW_FAULT=journal-record@3
                            "${MPIEXEC}" ${NP_FLAG} 2 ${_over} "${SHOCKFLOW_MPI}" ${_args}
                            --out "${_dir}"
                    RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
    if(_rc EQUAL 0)
        message(FATAL_ERROR "a rank killed at its third record, yet the job succeeded")
    endif()
    file(GLOB _journals "${_dir}/.shockflow/journal.*")
    if(NOT _journals)
        message(FATAL_ERROR "no journal after the killed job:\n${_out}\n${_err}")
    endif()
    if(EXISTS "${_dir}/.shockflow/journal.1")
        file(READ "${_dir}/.shockflow/journal.1" _text)
        string(LENGTH "${_text}" _length)
        if(_length GREATER 40)
            math(EXPR _length "${_length} - 20")
            string(SUBSTRING "${_text}" 0 ${_length} _text)
            file(WRITE "${_dir}/.shockflow/journal.1" "${_text}")
        endif()
    endif()
    if(_np EQUAL 1)
        set(_command "${SHOCKFLOW}")
    else()
        set(_command "${MPIEXEC}" ${NP_FLAG} ${_np} ${_over} "${SHOCKFLOW_MPI}")
    endif()
    execute_process(COMMAND ${_command} ${_args} --resume --out "${_dir}"
                    RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
    if(NOT _rc EQUAL 0)
        message(FATAL_ERROR "compare --resume on ${_np} process(es) failed (${_rc}):\n${_out}\n${_err}")
    endif()
    foreach(_file IN LISTS _files)
        file(READ "${OUT}/one/${_file}" _a)
        file(READ "${_dir}/${_file}" _b)
        if(NOT _a STREQUAL _b)
            message(FATAL_ERROR "${_file} resumed on ${_np} process(es) differs from one process")
        endif()
    endforeach()
    file(GLOB _journals "${_dir}/.shockflow/journal.*")
    if(_journals)
        message(FATAL_ERROR "journals left after the resumed compare: ${_journals}")
    endif()
    message(STATUS "killed on 2 ranks, resumed on ${_np}: ${_files} identical to one process")
endforeach()

execute_process(COMMAND "${MPIEXEC}" ${NP_FLAG} 2 "${SHOCKFLOW_MPI}" compare "${SCENARIO}"
                        --policy "${BAD_POLICY}" --out "${OUT}/bad"
                RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
if(NOT _rc EQUAL 2)
    message(FATAL_ERROR "a bad policy under mpiexec: exit status ${_rc}, expected 2\n${_err}")
endif()
string(REGEX MATCHALL "bad_policy.toml:[0-9]+:[0-9]+: error: " _reports "${_out}${_err}")
list(LENGTH _reports _n)
if(NOT _n EQUAL 1)
    message(FATAL_ERROR "the error was printed ${_n} times, expected once:\n${_out}${_err}")
endif()
if(EXISTS "${OUT}/bad")
    message(FATAL_ERROR "a bad policy under mpiexec wrote ${OUT}/bad")
endif()

# Every rank checks the scenario, and only rank 0 prints: each warning once,
# exit status 0; with --werror, each error once, exit status 2, no files.
if(WARNED)
    foreach(_werror "" --werror)
        execute_process(COMMAND "${MPIEXEC}" ${NP_FLAG} 2 "${SHOCKFLOW_MPI}" compare "${WARNED}"
                                --policy "${POLICY_OFF}" --replications 2 --quiet ${_werror}
                                --out "${OUT}/warned${_werror}"
                        RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
        set(_expect_rc 0)
        set(_kind warning)
        if(_werror)
            set(_expect_rc 2)
            set(_kind error)
        endif()
        if(NOT _rc EQUAL _expect_rc)
            message(FATAL_ERROR "warnings under mpiexec ${_werror}: exit status ${_rc}, expected "
                                "${_expect_rc}\n${_err}")
        endif()
        string(REGEX MATCHALL "warned.toml:[0-9]+:[0-9]+: ${_kind}: " _reports "${_out}${_err}")
        list(LENGTH _reports _n)
        if(NOT _n EQUAL 3)
            message(FATAL_ERROR "${_n} ${_kind}s printed, expected the 3 once each:\n${_out}${_err}")
        endif()
        if(_werror AND EXISTS "${OUT}/warned${_werror}")
            message(FATAL_ERROR "--werror under mpiexec wrote ${OUT}/warned${_werror}")
        endif()
    endforeach()
endif()
