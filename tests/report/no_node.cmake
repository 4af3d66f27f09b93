# Stands in for the browser check when Node.js was not found at configure time.
if("$ENV{SHOCKFLOW_REQUIRE_BROWSER}" STREQUAL "1")
    message(FATAL_ERROR "FAIL: Node.js was not found when the build was configured "
                        "(SHOCKFLOW_REQUIRE_BROWSER=1 forbids skipping)")
endif()
message("SKIP: Node.js was not found when the build was configured")
