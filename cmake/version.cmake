# Writes OUT from IN with the program version and the git revision of
# SOURCE_DIR ("unknown" outside a git checkout). configure_file leaves OUT
# untouched when nothing changed, so an unchanged revision rebuilds nothing.
set(SHOCKFLOW_GIT_REVISION "unknown")
if(GIT AND EXISTS "${SOURCE_DIR}/.git")
    execute_process(COMMAND "${GIT}" rev-parse --short=12 HEAD
                    WORKING_DIRECTORY "${SOURCE_DIR}"
                    OUTPUT_VARIABLE _rev OUTPUT_STRIP_TRAILING_WHITESPACE
                    RESULT_VARIABLE _rc ERROR_QUIET)
    if(_rc EQUAL 0 AND _rev)
        set(SHOCKFLOW_GIT_REVISION "${_rev}")
    endif()
endif()
set(PROJECT_VERSION "${VERSION}")
configure_file("${IN}" "${OUT}" @ONLY)
