# HTML reports (`--report`) on the minimal scenario:
#   report.run, .compare, .sweep     write a report (fixtures for the checks below)
#   report.browser.run, .compare,    open it in headless Chromium, offline: no console
#   .sweep
#                                    error, every chart drawn; screenshot into
#                                    <build>/report-out/<name>/report.png
#   report.missing_assets            without the chart library: exit 0, the other
#                                    files written, no report.html, a notice
#   report.run_needs_out, ...        --report without --out: exit 2
# The browser checks are skipped (exit 77) without Chromium, Node.js,
# playwright-core or the chart library, unless SHOCKFLOW_REQUIRE_BROWSER=1 (CI).

set(_report_out "${CMAKE_BINARY_DIR}/report-out")
set(_report_scenario "${CMAKE_SOURCE_DIR}/scenarios/minimal/scenario.toml")
set(_report_tests "${CMAKE_CURRENT_SOURCE_DIR}/report")

add_test(NAME report.run
         COMMAND shockflow run "${_report_scenario}" --out "${_report_out}/run" --report --quiet)
set_tests_properties(report.run PROPERTIES FIXTURES_SETUP report_run)
add_test(NAME report.compare
         COMMAND shockflow compare "${_report_scenario}"
                 --policy "${_report_tests}/policies/baseline.toml"
                 --policy "${_report_tests}/policies/prepared.toml"
                 --replications 5 --out "${_report_out}/compare" --report --quiet)
set_tests_properties(report.compare PROPERTIES FIXTURES_SETUP report_compare)

add_test(NAME report.sweep
         COMMAND shockflow sweep "${_report_scenario}" --design "${_report_tests}/sweep_design.toml"
                 --policy "${_report_tests}/policies/baseline.toml"
                 --policy "${_report_tests}/policies/prepared.toml"
                 --out "${_report_out}/sweep" --report --quiet)
set_tests_properties(report.sweep PROPERTIES FIXTURES_SETUP report_sweep)

find_program(SHOCKFLOW_NODE node)
foreach(_kind IN ITEMS run compare sweep)
    set(_min_charts 6)
    if(_kind STREQUAL "compare")
        set(_min_charts 3)
    elseif(_kind STREQUAL "sweep")
        set(_min_charts 4)  # a tornado and a response chart per headline KPI that varies
    endif()
    if(SHOCKFLOW_NODE)
        add_test(NAME report.browser.${_kind}
                 COMMAND "${SHOCKFLOW_NODE}" "${_report_tests}/check_report.cjs"
                         "${_report_out}/${_kind}/report.html" "${_report_out}/${_kind}/report.png"
                         "${SHOCKFLOW_REPORT_SOURCE_DIR}/node_modules"
                         "${SHOCKFLOW_REPORT_ASSETS_DIR}" ${_min_charts})
        set_tests_properties(report.browser.${_kind} PROPERTIES SKIP_RETURN_CODE 77)
    else()
        add_test(NAME report.browser.${_kind}
                 COMMAND "${CMAKE_COMMAND}" -P "${_report_tests}/no_node.cmake")
        set_tests_properties(report.browser.${_kind} PROPERTIES SKIP_REGULAR_EXPRESSION "^SKIP:")
    endif()
    set_tests_properties(report.browser.${_kind} PROPERTIES
                         FIXTURES_REQUIRED report_${_kind} TIMEOUT 180)
endforeach()

add_test(NAME report.missing_assets
         COMMAND "${CMAKE_COMMAND}" -DSHOCKFLOW=$<TARGET_FILE:shockflow>
                 "-DSCENARIO=${_report_scenario}" "-DOUT=${_report_out}/missing_assets"
                 -P "${_report_tests}/missing_assets.cmake")

# --report without --out is a usage error (exit 2).
foreach(_command IN ITEMS run compare)
    set(_args "${_command}|${_report_scenario}|--report")
    if(_command STREQUAL "compare")
        set(_args "${_args}|--policy|${_report_tests}/policies/baseline.toml")
    endif()
    add_test(NAME report.${_command}_needs_out
             COMMAND "${CMAKE_COMMAND}" -DSHOCKFLOW=$<TARGET_FILE:shockflow> -DEXPECT=2
                     "-DARGS=${_args}" "-DMATCH=--report requires --out"
                     -P "${CMAKE_CURRENT_SOURCE_DIR}/scenarios/expect_exit.cmake")
endforeach()
