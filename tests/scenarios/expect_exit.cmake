# Runs shockflow and checks its exit status (and optionally its output).
#   cmake -DSHOCKFLOW=EXE -DEXPECT=N -DARGS="a|b|c" [-DMATCH=REGEX] [-DNO_DIR=DIR]
#         -P expect_exit.cmake
# ARGS: the arguments, separated by '|'. MATCH: a regex that stdout + stderr must
# match. NO_DIR: a directory that must not exist afterwards (nothing written).
foreach(_var SHOCKFLOW EXPECT)
    if(NOT DEFINED ${_var})
        message(FATAL_ERROR "expect_exit.cmake: -D${_var}=... is required")
    endif()
endforeach()
string(REPLACE "|" ";" _args "${ARGS}")
if(NO_DIR)
    file(REMOVE_RECURSE "${NO_DIR}")
endif()

execute_process(COMMAND "${SHOCKFLOW}" ${_args} RESULT_VARIABLE _rc OUTPUT_VARIABLE _out
                ERROR_VARIABLE _err)
message(STATUS "stdout:\n${_out}")
message(STATUS "stderr:\n${_err}")
if(NOT _rc STREQUAL "${EXPECT}")
    message(FATAL_ERROR "shockflow ${_args}: exit status ${_rc}, expected ${EXPECT}")
endif()
if(MATCH AND NOT "${_out}${_err}" MATCHES "${MATCH}")
    message(FATAL_ERROR "shockflow ${_args}: output does not match '${MATCH}'")
endif()
if(NO_DIR AND EXISTS "${NO_DIR}")
    message(FATAL_ERROR "shockflow ${_args}: wrote ${NO_DIR} although it failed")
endif()
