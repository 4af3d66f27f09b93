# Every scenario runs. For each scenarios/**/*.toml holding a [scenario] table
# (policy files live in policies/ folders and are skipped):
#   scenario.<path>.validate         shockflow validate FILE
#   scenario.<path>.run              shockflow run FILE --out <build>/scenario-out/<path> --quiet
#   scenario.<path>.policy.<stem>    the same run under each policies/<stem>.toml beside FILE
#   scenario.<path>.compare          compare over those policies, a few replications
# where <path> is the file's path under scenarios/ without ".toml". Then
# determinism checks and the command line's exit statuses.

set(_scenario_root "${CMAKE_SOURCE_DIR}/scenarios")
set(_scenario_out "${CMAKE_BINARY_DIR}/scenario-out")
set(_script_dir "${CMAKE_CURRENT_SOURCE_DIR}/scenarios")

# The glob is redone at build time, so a new scenario file gets its tests
# without a manual re-configure.
file(GLOB_RECURSE _scenario_files CONFIGURE_DEPENDS RELATIVE "${_scenario_root}"
     "${_scenario_root}/*.toml")
list(SORT _scenario_files)

set(_minimal_scenario "")
foreach(_rel IN LISTS _scenario_files)
    if(_rel MATCHES "(^|/)policies/")
        continue()
    endif()
    set(_file "${_scenario_root}/${_rel}")
    file(STRINGS "${_file}" _has_table REGEX "^[ \t]*\\[scenario\\][ \t]*(#.*)?$")
    if(NOT _has_table)
        continue()
    endif()
    string(REGEX REPLACE "\\.toml$" "" _name "${_rel}")
    if(_name MATCHES "^minimal/" AND NOT _minimal_scenario)
        set(_minimal_scenario "${_file}")
    endif()

    add_test(NAME scenario.${_name}.validate COMMAND shockflow validate "${_file}")
    add_test(NAME scenario.${_name}.run
             COMMAND shockflow run "${_file}" --out "${_scenario_out}/${_name}" --quiet)

    get_filename_component(_dir "${_file}" DIRECTORY)
    file(GLOB _policies "${_dir}/policies/*.toml")
    list(SORT _policies)
    set(_policy_args "")
    foreach(_policy IN LISTS _policies)
        get_filename_component(_stem "${_policy}" NAME_WE)
        add_test(NAME scenario.${_name}.policy.${_stem}
                 COMMAND shockflow run "${_file}" --policy "${_policy}"
                         --out "${_scenario_out}/${_name}.${_stem}" --quiet)
        list(APPEND _policy_args --policy "${_policy}")
    endforeach()
    if(_policy_args)
        add_test(NAME scenario.${_name}.compare
                 COMMAND shockflow compare "${_file}" ${_policy_args} --replications 4
                         --out "${_scenario_out}/${_name}.compare" --quiet)
    endif()
endforeach()

# Exit statuses of the command line: 0 success, 2 bad input, and no file
# written when an input is bad. ARGS separates arguments with '|'.
function(shockflow_cli_test name expect args)
    cmake_parse_arguments(PARSE_ARGV 3 opt "" "MATCH;NO_DIR" "")
    add_test(NAME cli.${name}
             COMMAND "${CMAKE_COMMAND}" -DSHOCKFLOW=$<TARGET_FILE:shockflow> "-DEXPECT=${expect}"
                     "-DARGS=${args}" "-DMATCH=${opt_MATCH}" "-DNO_DIR=${opt_NO_DIR}"
                     -P "${_script_dir}/expect_exit.cmake")
endfunction()

shockflow_cli_test(version 0 "--version" MATCH "^shockflow [0-9]+\\.[0-9]+\\.[0-9]+ \\(git ")
shockflow_cli_test(help 0 "--help" MATCH "validate")
shockflow_cli_test(kpis 0 "kpis" MATCH "^kpi +unit +better +definition\n")
# A bare `shockflow` prints the help; a mistyped command gets a did-you-mean.
shockflow_cli_test(bare_prints_help 0 "" MATCH "^shockflow: [^\n]*\nUsage: shockflow \\[OPTIONS\\] SUBCOMMAND")
shockflow_cli_test(unknown_command 2 "rnu|x.toml"
                   MATCH "^shockflow: unknown command \"rnu\" \\(did you mean \"run\"\\?\\)")
shockflow_cli_test(unknown_command_far 2 "bogus"
                   MATCH "unknown command \"bogus\" \\(expected one of: run, validate, compare, stress, sweep, generate, import-io, kpis\\)")
shockflow_cli_test(unknown_option_before 2 "--max-erors|3|validate|x.toml"
                   MATCH "^shockflow: unknown option \"--max-erors\" \\(did you mean \"--max-errors\"\\?\\)")
shockflow_cli_test(missing_argument 2 "run")
# Every command's help lists --max-errors; generate's shows its defaults.
foreach(_command IN ITEMS run validate compare stress sweep generate kpis)
    shockflow_cli_test(help_${_command} 0 "${_command}|--help" MATCH "\n  --max-errors N ")
endforeach()
shockflow_cli_test(generate_help_defaults 0 "generate|--help"
                   MATCH "--parks N +Producer parks \\(default 100\\).*--step-hours[^\n]*\n[^\n]*\\(default 4\\)")
shockflow_cli_test(missing_scenario 2
                   "run|${_scenario_out}/no-such-file.toml|--out|${_scenario_out}/cli.missing"
                   NO_DIR "${_scenario_out}/cli.missing")

if(NOT _minimal_scenario)
    message(STATUS "No scenarios/minimal/*.toml yet: determinism and scenario CLI tests skipped")
    return()
endif()

# Same inputs -> byte-identical files (run twice; compare on 1 and 2 threads).
add_test(NAME scenario.determinism.run
         COMMAND "${CMAKE_COMMAND}" -DSHOCKFLOW=$<TARGET_FILE:shockflow>
                 "-DSCENARIO=${_minimal_scenario}" "-DOUT=${_scenario_out}/determinism.run"
                 -DMODE=run -P "${_script_dir}/determinism.cmake")
add_test(NAME scenario.determinism.compare_threads
         COMMAND "${CMAKE_COMMAND}" -DSHOCKFLOW=$<TARGET_FILE:shockflow>
                 "-DSCENARIO=${_minimal_scenario}" "-DOUT=${_scenario_out}/determinism.compare"
                 -DMODE=compare -P "${_script_dir}/determinism.cmake")

set(_bad_policy "${_script_dir}/cli/bad_policy.toml")
set(_all_off "${_script_dir}/cli/all_off.toml")
shockflow_cli_test(unknown_option 2 "run|${_minimal_scenario}|--bogus")
shockflow_cli_test(unknown_option_did_you_mean 2 "run|${_minimal_scenario}|--polcy|${_all_off}"
                   MATCH "^shockflow run: unknown option \"--polcy\" \\(did you mean \"--policy\"\\?\\)")
shockflow_cli_test(unknown_option_of_compare 2
                   "compare|${_minimal_scenario}|--policy|${_all_off}|--replication|3"
                   MATCH "^shockflow compare: unknown option \"--replication\" \\(did you mean \"--replications\"\\?\\)")
# --baseline picks the baseline whatever the order of --policy: by its name
# or by its file; an unknown name is a usage error with a did-you-mean.
set(_prepared "${CMAKE_CURRENT_SOURCE_DIR}/report/policies/prepared.toml")
shockflow_cli_test(compare_baseline_by_name 0
                   "compare|${_minimal_scenario}|--policy|${_all_off}|--policy|${_prepared}|--baseline|prepared|-n|1"
                   MATCH "\nkpi +prepared +all_off *\n.*against the baseline \"prepared\"")
shockflow_cli_test(compare_baseline_by_file 0
                   "compare|${_minimal_scenario}|--policy|${_all_off}|--policy|${_prepared}|--baseline|${_prepared}|-n|1"
                   MATCH "against the baseline \"prepared\"")
shockflow_cli_test(compare_baseline_unknown 2
                   "compare|${_minimal_scenario}|--policy|${_all_off}|--policy|${_prepared}|--baseline|prepard|--out|${_scenario_out}/cli.baseline"
                   MATCH "--baseline: no policy is named \"prepard\" \\(did you mean \"prepared\"\\?\\)"
                   NO_DIR "${_scenario_out}/cli.baseline")
add_test(NAME cli.stale_report_removed
         COMMAND "${CMAKE_COMMAND}" -DSHOCKFLOW=$<TARGET_FILE:shockflow>
                 "-DSCENARIO=${_minimal_scenario}" "-DPOLICY=${_all_off}"
                 "-DOUT=${_scenario_out}/cli.stale_report" -P "${_script_dir}/stale_report.cmake")
shockflow_cli_test(bad_seed 2 "run|${_minimal_scenario}|--seed|abc")
shockflow_cli_test(bad_replications 2
                   "compare|${_minimal_scenario}|--policy|${_all_off}|--replications|0")
shockflow_cli_test(too_many_replications 2
                   "compare|${_minimal_scenario}|--policy|${_all_off}|--replications|1000001"
                   MATCH "--replications: expected a whole number from 1 to 1000000")
# Thread counts: above 1024 a usage error (10,000,000 crashed inside TBB);
# more than the machine's hardware threads run as that many, and TBB's own
# warning about it no longer shows under --quiet.
shockflow_cli_test(too_many_threads 2
                   "compare|${_minimal_scenario}|--policy|${_all_off}|--threads|10000000"
                   MATCH "--threads: expected a whole number from 0 to 1024")
shockflow_cli_test(threads_capped_quietly 0
                   "compare|${_minimal_scenario}|--policy|${_all_off}|-n|2|--threads|1024|--quiet"
                   MATCH "^$")
shockflow_cli_test(resume_needs_out 2 "compare|${_minimal_scenario}|--policy|${_all_off}|--resume"
                   MATCH "--resume requires --out")
shockflow_cli_test(bad_policy_writes_nothing 2
                   "run|${_minimal_scenario}|--policy|${_bad_policy}|--out|${_scenario_out}/cli.bad1"
                   MATCH "bad_policy.toml:[0-9]+(:[0-9]+)?: error: "
                   NO_DIR "${_scenario_out}/cli.bad1")
shockflow_cli_test(bad_policy_compare_writes_nothing 2
                   "compare|${_minimal_scenario}|--policy|${_all_off}|--policy|${_bad_policy}|--out|${_scenario_out}/cli.bad2"
                   NO_DIR "${_scenario_out}/cli.bad2")
# 25 errors: 20 are printed, then how many more there are; --max-errors
# changes the number, before or after the subcommand, and 0 prints all.
set(_many_errors "${_script_dir}/cli/many_errors.toml")
shockflow_cli_test(max_errors_default 2 "validate|${_minimal_scenario}|--policy|${_many_errors}"
                   MATCH "bogus_20: unknown key[^\n]*\nshockflow: 5 more errors not shown")
shockflow_cli_test(max_errors_before 2
                   "--max-errors|3|validate|${_minimal_scenario}|--policy|${_many_errors}"
                   MATCH "bogus_3: unknown key[^\n]*\nshockflow: 22 more errors not shown")
shockflow_cli_test(max_errors_after 2
                   "validate|${_minimal_scenario}|--policy|${_many_errors}|--max-errors|1"
                   MATCH "^[^\n]*bogus_1: unknown key[^\n]*\nshockflow: 24 more errors not shown")
shockflow_cli_test(max_errors_all 2
                   "validate|${_minimal_scenario}|--policy|${_many_errors}|--max-errors|0"
                   MATCH "bogus_25: unknown key[^\n]*\n$")
shockflow_cli_test(max_errors_bad 2 "--max-errors|-1|validate|${_minimal_scenario}")
shockflow_cli_test(validate 0 "validate|${_minimal_scenario}"
                   MATCH "^OK: [^:]+: [0-9]+ products, [0-9]+ nodes, [0-9]+ links, [0-9]+ events")
shockflow_cli_test(run_without_out 0 "run|${_minimal_scenario}" MATCH "fill_rate")

# The stress test: every park and plant by default, a table of the most
# exposed; a mistyped target gets a did-you-mean and a depot is refused
# (exit status 2, nothing written); stress.csv with --out.
shockflow_cli_test(stress 0 "stress|${_minimal_scenario}|--threads|2"
                   MATCH "stress test of minimal under policy [^\n]*\nbaseline [^\n]*\n\nrank +node[^\n]*\n-+\n1 +park_valley +10[.0]* +[0-9.]+ +r_[a-z]+ [a-z]+ ")
shockflow_cli_test(stress_unknown_target 2
                   "stress|${_minimal_scenario}|--targets|park_valey|--out|${_scenario_out}/cli.stress_bad"
                   MATCH "--targets: no node is named \"park_valey\" \\(did you mean \"park_valley\"\\?\\)"
                   NO_DIR "${_scenario_out}/cli.stress_bad")
shockflow_cli_test(stress_depot_target 2 "stress|${_minimal_scenario}|--targets|depot_central"
                   MATCH "depot \"depot_central\" has no capacity to lose")
shockflow_cli_test(stress_bad_ttr 2 "stress|${_minimal_scenario}|--ttr|-1"
                   MATCH "--ttr: expected a number of days from 0 to 1e6")
shockflow_cli_test(stress_report_needs_out 2 "stress|${_minimal_scenario}|--report"
                   MATCH "--report requires --out")
shockflow_cli_test(stress_writes_csv 0
                   "stress|${_minimal_scenario}|--targets|park,source|--ttr|3|--no-events|--out|${_scenario_out}/cli.stress"
                   MATCH "without the scenario's events.*\n2 most exposed of 2 targets shown.*wrote stress.csv to ")

# The sweep: a design is required, --report needs --out, a missing design
# file is an input error (exit status 2, nothing written).
shockflow_cli_test(sweep_needs_design 2 "sweep|${_minimal_scenario}"
                   MATCH "--design is required")
shockflow_cli_test(sweep_report_needs_out 2
                   "sweep|${_minimal_scenario}|--design|${_scenario_out}/none.toml|--report"
                   MATCH "--report requires --out")
shockflow_cli_test(sweep_missing_design 2
                   "sweep|${_minimal_scenario}|--design|${_scenario_out}/no_such_design.toml|--out|${_scenario_out}/cli.sweep_bad"
                   MATCH "no_such_design.toml: error: cannot open file"
                   NO_DIR "${_scenario_out}/cli.sweep_bad")

# A generated network passes `validate` (generate itself reloads what it wrote)
# and runs; bad sizes are usage errors.
shockflow_cli_test(generate 0
                   "generate|--parks|60|--regions|6|--products|10|--seed|7|--out|${_scenario_out}/generated"
                   MATCH "wrote .*scenario.toml: 10 products")
set_tests_properties(cli.generate PROPERTIES FIXTURES_SETUP generated_network)
shockflow_cli_test(generated_validates 0 "validate|${_scenario_out}/generated/scenario.toml"
                   MATCH "^OK: generated-60p-6r-10g-s7")
shockflow_cli_test(generated_runs 0 "run|${_scenario_out}/generated/scenario.toml|--quiet")
set_tests_properties(cli.generated_validates cli.generated_runs
                     PROPERTIES FIXTURES_REQUIRED generated_network)
shockflow_cli_test(generate_bad_size 2 "generate|--parks|0|--out|${_scenario_out}/gen.bad"
                   NO_DIR "${_scenario_out}/gen.bad")
# Its events fall on days 0 to 12: a run that ends on day 5 leaves the later
# ones out instead of writing a scenario that fails to load.
shockflow_cli_test(generate_short_run 0
                   "generate|--parks|20|--regions|3|--products|6|--end-day|5|--out|${_scenario_out}/generated_short"
                   MATCH "wrote .*scenario.toml: 6 products")
# Options the scenario format would reject are usage errors before anything
# is written: a seed beyond TOML's signed integers, days not finite or
# beyond the limits of docs/FORMAT.md.
shockflow_cli_test(generate_bad_seed 2
                   "generate|--seed|18446744073709551615|--out|${_scenario_out}/gen.bad_seed"
                   MATCH "--seed: expected a whole number from 0 to 9223372036854775807"
                   NO_DIR "${_scenario_out}/gen.bad_seed")
shockflow_cli_test(generate_nan_day 2 "generate|--start-day|nan|--out|${_scenario_out}/gen.nan"
                   MATCH "--start-day: expected a day from -1e6 to 1e6 \\(got \"nan\"\\)"
                   NO_DIR "${_scenario_out}/gen.nan")
shockflow_cli_test(generate_inf_day 2 "generate|--end-day|inf|--out|${_scenario_out}/gen.inf"
                   NO_DIR "${_scenario_out}/gen.inf")
shockflow_cli_test(generate_huge_day 2 "generate|--end-day|1e15|--out|${_scenario_out}/gen.huge"
                   NO_DIR "${_scenario_out}/gen.huge")

# An input-output table (cli/io: two regions, two sectors) becomes a scenario
# that passes `validate` and runs; an x that is not the row sums of Z and Y is
# an error at its cell, and nothing is written.
set(_io "${_script_dir}/cli/io")
shockflow_cli_test(import_io 0
                   "import-io|--z|${_io}/Z.csv|--y|${_io}/Y.csv|--x|${_io}/x.csv|--days|30|--out|${_scenario_out}/imported"
                   MATCH "wrote .*scenario.toml: 2 sectors, 4 industries, 2 final-demand nodes, 13 links")
set_tests_properties(cli.import_io PROPERTIES FIXTURES_SETUP imported_table)
shockflow_cli_test(imported_validates 0 "validate|${_scenario_out}/imported/scenario.toml|--werror"
                   MATCH "^OK: imported input-output table: 2 products, 6 nodes, 13 links, 0 events")
shockflow_cli_test(imported_runs 0
                   "run|${_scenario_out}/imported/scenario.toml|--out|${_scenario_out}/imported_run"
                   MATCH "unmet_units +0\n")
set_tests_properties(cli.imported_validates cli.imported_runs
                     PROPERTIES FIXTURES_REQUIRED imported_table)
shockflow_cli_test(import_io_min_share 0
                   "import-io|--z|${_io}/Z.csv|--y|${_io}/Y.csv|--min-share|0.1|--out|${_scenario_out}/imported_min"
                   MATCH "dropped 3 flows below 0.1 of their buyer's inputs: 109.5 a year")
shockflow_cli_test(import_io_bad_x 2
                   "import-io|--z|${_io}/Z.csv|--y|${_io}/Y.csv|--x|${_io}/bad_x.csv|--out|${_scenario_out}/imported_bad"
                   MATCH "bad_x.csv:3:9: error: x of \"A_steel\": 182 is not the row sums of Z and Y, 182.5"
                   NO_DIR "${_scenario_out}/imported_bad")

# Warnings (cli/warned.toml has three) go to stderr after the scenario is
# read: stdout, printed first here, still starts with OK. They leave the exit
# status at 0, are printed with --quiet and capped by --max-errors. With
# --werror they are errors: exit status 2 and nothing written.
set(_warned "${_script_dir}/cli/warned.toml")
shockflow_cli_test(warnings_validate 0 "validate|${_warned}"
                   MATCH "^OK: warned: [^\n]*\n[^\n]*warned.toml:14:1: warning: product \"salt\": no node makes it")
shockflow_cli_test(warnings_run_quiet 0 "run|${_warned}|--quiet|--out|${_scenario_out}/cli.warned"
                   MATCH "^[^\n]*warned.toml:14:1: warning: [^\n]*\n[^\n]*warned.toml:17:1: warning: [^\n]*\n[^\n]*warned.toml:31:1: warning: link \"farm->town\": 72 hours \\(3 days\\)[^\n]*\n$")
shockflow_cli_test(warnings_max_errors 0 "--max-errors|1|validate|${_warned}"
                   MATCH "warning: product \"salt\"[^\n]*\nshockflow: 2 more warnings not shown")
shockflow_cli_test(werror_validate 2 "validate|${_warned}|--werror"
                   MATCH "^[^\n]*warned.toml:14:1: error: product \"salt\"")
shockflow_cli_test(werror_run_writes_nothing 2
                   "run|${_warned}|--werror|--out|${_scenario_out}/cli.werror1"
                   MATCH "warned.toml:31:1: error: link \"farm->town\""
                   NO_DIR "${_scenario_out}/cli.werror1")
shockflow_cli_test(werror_compare_writes_nothing 2
                   "compare|${_warned}|--policy|${_all_off}|--werror|--out|${_scenario_out}/cli.werror2"
                   MATCH "warned.toml:17:1: error: product \"fuel\""
                   NO_DIR "${_scenario_out}/cli.werror2")
shockflow_cli_test(werror_without_warnings 0 "validate|${_minimal_scenario}|--werror"
                   MATCH "^OK: minimal")

# Overlays and --set (docs/FORMAT.md, "Overlays and --set"): the what-if of
# the twelve-day case, and one --set of each kind, give the same files as the
# equivalent full copy of the case; a bad key gets a did-you-mean at
# --set:N:COL, exit status 2, and nothing is written.
set(_twelve "${_scenario_root}/twelve_day_conflict")
foreach(_mode IN ITEMS overlay set)
    add_test(NAME scenario.overlay_equivalence.${_mode}
             COMMAND "${CMAKE_COMMAND}" -DSHOCKFLOW=$<TARGET_FILE:shockflow> "-DCASE=${_twelve}"
                     "-DOUT=${_scenario_out}/overlay_equivalence.${_mode}" -DMODE=${_mode}
                     -P "${_script_dir}/overlay_equivalence.cmake")
endforeach()
shockflow_cli_test(set_did_you_mean 2 "validate|${_minimal_scenario}|--set|scenario.end_dya=40"
                   MATCH "^--set:1:10: error: scenario.end_dya: unknown key \\(did you mean \"end_day\"\\?\\)")
shockflow_cli_test(set_bad_value_writes_nothing 2
                   "run|${_minimal_scenario}|--set|scenario.seed=1|--set|scenario.end_day=soon|--out|${_scenario_out}/cli.set_bad"
                   MATCH "^--set:2:18: error: scenario.end_day: expected a number \\(got a string\\)"
                   NO_DIR "${_scenario_out}/cli.set_bad")
shockflow_cli_test(set_unknown_event 2
                   "compare|${_twelve}/scenario.toml|--policy|${_all_off}|--set|event.isfahan_fod.capacity_loss=0.8|--out|${_scenario_out}/cli.set_event"
                   MATCH "^--set:1:7: error: event.isfahan_fod.capacity_loss: no event is named \"isfahan_fod\" \\(did you mean \"isfahan_food\"\\?\\)"
                   NO_DIR "${_scenario_out}/cli.set_event")
shockflow_cli_test(set_unknown_node 2
                   "validate|${_twelve}/whatif_isfahan.toml|--set|node.p_isfahan_pharma2.capacity.medicine=500"
                   MATCH "^--set:1:6: error: [^\n]*no node \"p_isfahan_pharma2\"[^\n]*did you mean \"p_isfahan_pharma1\"")
shockflow_cli_test(set_validates 0
                   "validate|${_twelve}/whatif_isfahan.toml|--set|event.isfahan_pharma.capacity_loss=0.8|--set|node.p_isfahan_pharma1.capacity.medicine=500|--set|link.p_isfahan_pharma1->d_isfahan.capacity=0"
                   MATCH "^OK: twelve_day_conflict_whatif_isfahan: [0-9]+ products, 219 nodes, 1400 links, 39 events")

# The facts of the twelve-day case, asserted on the engine's results. The
# sweep of its design (400 runs) takes about 100 s under the sanitizers
# (ci preset), close to the default limit of 120 s: a longer one.
shockflow_add_test_executable(twelve_day_case_tests scenarios/twelve_day_case_test.cpp
                              TIMEOUT 600)

# Golden KPIs of every shipped scenario and policy (regenerate with
# SHOCKFLOW_UPDATE_GOLDEN=1 after a deliberate model change).
shockflow_add_test_executable(golden_tests scenarios/golden_test.cpp)
