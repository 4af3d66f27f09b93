# HTML reports (`--report`). Their chart library, Vega 5 + Vega-Lite 5 +
# vega-embed 6, comes from the npm registry: `npm ci` installs it into
# report/node_modules from the committed lock file, once per build tree, and
# every build copies the three scripts to <build>/share/shockflow/report,
# where the program looks for them (see include/shockflow/io/report.hpp).
# Without npm or the registry the build still succeeds: it prints a warning,
# and `--report` then says that the library is missing.

set(SHOCKFLOW_REPORT_SOURCE_DIR "${CMAKE_SOURCE_DIR}/report")
set(SHOCKFLOW_REPORT_ASSETS_DIR "${CMAKE_BINARY_DIR}/share/shockflow/report")
find_program(SHOCKFLOW_NPM npm)
set(_npm_stamp "${CMAKE_BINARY_DIR}/report/npm-ci.stamp")

add_custom_command(
    OUTPUT "${_npm_stamp}"
    COMMAND "${CMAKE_COMMAND}" "-DNPM=${SHOCKFLOW_NPM}" "-DREPORT_DIR=${SHOCKFLOW_REPORT_SOURCE_DIR}"
            "-DSTAMP=${_npm_stamp}" -P "${CMAKE_SOURCE_DIR}/cmake/report_npm_ci.cmake"
    DEPENDS "${SHOCKFLOW_REPORT_SOURCE_DIR}/package.json"
            "${SHOCKFLOW_REPORT_SOURCE_DIR}/package-lock.json"
            "${CMAKE_SOURCE_DIR}/cmake/report_npm_ci.cmake"
    COMMENT "Installing the report's chart library (npm ci in report/)"
    VERBATIM)

# Runs at every build (it only copies what changed), so that a library
# installed by hand later with `npm ci --prefix report` is picked up.
add_custom_target(shockflow_report_assets ALL
    COMMAND "${CMAKE_COMMAND}" "-DREPORT_DIR=${SHOCKFLOW_REPORT_SOURCE_DIR}"
            "-DDEST=${SHOCKFLOW_REPORT_ASSETS_DIR}"
            -P "${CMAKE_SOURCE_DIR}/cmake/report_copy_assets.cmake"
    DEPENDS "${_npm_stamp}"
    VERBATIM)
add_dependencies(shockflow shockflow_report_assets)

# The last place the program looks: this build tree's copy.
set_property(SOURCE src/io/report_assets.cpp APPEND PROPERTY COMPILE_DEFINITIONS
             "SHOCKFLOW_REPORT_BUILD_ASSETS=\"${SHOCKFLOW_REPORT_ASSETS_DIR}\"")
