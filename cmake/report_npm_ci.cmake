# cmake -DNPM=... -DREPORT_DIR=... -DSTAMP=... -P report_npm_ci.cmake
# `npm ci` in report/, never failing the build: without npm or the registry
# it warns, and the program then explains that reports are unavailable.
set(_fix "Reports (--report) need it: install Node.js and npm, then run `npm ci --prefix report` from the source tree and build again.")
if(NOT NPM)
    message(WARNING "shockflow: npm was not found, so the report's chart library was not installed. ${_fix}")
else()
    execute_process(
        COMMAND "${CMAKE_COMMAND}" -E env PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
                "${NPM}" ci --no-audit --no-fund --loglevel=error
        WORKING_DIRECTORY "${REPORT_DIR}"
        RESULT_VARIABLE _rc
        TIMEOUT 900)
    if(NOT _rc EQUAL 0)
        message(WARNING "shockflow: `npm ci` in ${REPORT_DIR} failed (${_rc}), so the report's chart library was not installed. ${_fix}")
    endif()
endif()
# Written either way: the install is tried again when the lock file changes.
# Ninja creates the folder of a custom command's output, Make does not.
get_filename_component(_stamp_dir "${STAMP}" DIRECTORY)
file(MAKE_DIRECTORY "${_stamp_dir}")
file(TOUCH "${STAMP}")
