# Runs `shockflow validate CASE.toml` in this directory and checks that it fails
# as a bad input should: exit status 2, the first expected diagnostic (the line
# in CASE.expected) on stderr, and no file written.
#   cmake -DEXE=<shockflow> -DCASE=<name> -P check.cmake
foreach(_var EXE CASE)
    if(NOT DEFINED ${_var})
        message(FATAL_ERROR "check.cmake: -D${_var}=... is required")
    endif()
endforeach()
set(_dir "${CMAKE_CURRENT_LIST_DIR}")
# file(READ), not file(STRINGS): the latter escapes the ';' some messages hold.
file(READ "${_dir}/${CASE}.expected" _expected)
string(FIND "${_expected}" "\n" _eol)
string(SUBSTRING "${_expected}" 0 ${_eol} _expected)
if(_expected STREQUAL "")
    message(FATAL_ERROR "${CASE}.expected is empty")
endif()

# Everything in the directory before the run, to prove nothing is written.
file(GLOB_RECURSE _before LIST_DIRECTORIES true RELATIVE "${_dir}" "${_dir}/*")
execute_process(COMMAND "${EXE}" validate "${CASE}.toml" WORKING_DIRECTORY "${_dir}"
                RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
file(GLOB_RECURSE _after LIST_DIRECTORIES true RELATIVE "${_dir}" "${_dir}/*")

message(STATUS "stderr:\n${_err}")
if(NOT _rc STREQUAL "2")
    message(FATAL_ERROR "exit status ${_rc}, expected 2")
endif()
string(FIND "${_err}" "${_expected}\n" _at)
if(_at EQUAL -1)
    message(FATAL_ERROR "stderr lacks the expected line:\n${_expected}")
endif()
if(NOT _before STREQUAL _after)
    message(FATAL_ERROR "the failed run wrote files:\nbefore: ${_before}\nafter: ${_after}")
endif()
