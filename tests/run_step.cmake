# run_step(WHAT COMMAND...): runs a command from a CMake script test and stops
# the test with its output if it fails; what it printed is left in
# step_output for the caller.
function(run_step what)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
    if(NOT _rc EQUAL 0)
        message(FATAL_ERROR "${what} failed (${_rc}):\n${_out}\n${_err}")
    endif()
    set(step_output "${_out}" PARENT_SCOPE)
endfunction()
