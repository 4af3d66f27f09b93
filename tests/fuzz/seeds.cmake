# The seed corpus of each fuzz target, gathered from the repository's own
# inputs into OUT/<target>/ (run at build time by the `fuzz_seeds` target):
#   scenario_toml  every scenario and policy TOML of scenarios/, every fixture
#                  of tests/bad_config, the CLI tests' TOML files
#   policy         every policy of scenarios/**/policies/, the CLI tests' TOML
#                  files, the policy fixtures of tests/bad_config
#   csv_tables     tests/fuzz/seeds/csv_tables/, each CSV fixture of
#                  tests/bad_config/csv beside an empty partner table, and the
#                  first rows of the twelve-day case's tables
# plus tests/fuzz/regressions/<target>/ (inputs that once crashed).
#   cmake -DSOURCE_DIR=<repository> -DOUT=<folder> -P seeds.cmake
foreach(_var SOURCE_DIR OUT)
    if(NOT DEFINED ${_var})
        message(FATAL_ERROR "seeds.cmake: -D${_var}=... is required")
    endif()
endforeach()
file(REMOVE_RECURSE "${OUT}")

# Copies FILES into OUT/TARGET, named by their path under SOURCE_DIR.
function(seed target)
    file(MAKE_DIRECTORY "${OUT}/${target}")
    foreach(_file IN LISTS ARGN)
        file(RELATIVE_PATH _rel "${SOURCE_DIR}" "${_file}")
        string(REPLACE "/" "_" _name "${_rel}")
        file(COPY_FILE "${_file}" "${OUT}/${target}/${_name}")
    endforeach()
endfunction()

file(GLOB_RECURSE _scenarios "${SOURCE_DIR}/scenarios/*.toml")
file(GLOB _bad "${SOURCE_DIR}/tests/bad_config/*.toml")
file(GLOB _cli "${SOURCE_DIR}/tests/scenarios/cli/*.toml")
file(GLOB_RECURSE _policies "${SOURCE_DIR}/scenarios/*/policies/*.toml")
file(GLOB _bad_policies "${SOURCE_DIR}/tests/bad_config/policy_*.toml")
file(GLOB _csv "${SOURCE_DIR}/tests/fuzz/seeds/csv_tables/*")
seed(scenario_toml ${_scenarios} ${_bad} ${_cli})
seed(policy ${_policies} ${_cli} ${_bad_policies})
seed(csv_tables ${_csv})
foreach(_target scenario_toml policy csv_tables)
    file(GLOB _found "${SOURCE_DIR}/tests/fuzz/regressions/${_target}/*")
    seed(${_target} ${_found})
endforeach()

# nodes.csv, the line "%%", links.csv: the input of the csv_tables target.
file(GLOB _csv_fixtures "${SOURCE_DIR}/tests/bad_config/csv/*.csv")
foreach(_file IN LISTS _csv_fixtures)
    get_filename_component(_name "${_file}" NAME_WE)
    file(READ "${_file}" _table)
    if(_name MATCHES "_links$")
        set(_pair "id,kind\n%%\n${_table}")
    else()
        set(_pair "${_table}\n%%\nfrom,to,capacity,transit_hours\n")
    endif()
    file(WRITE "${OUT}/csv_tables/bad_config_${_name}" "${_pair}")
endforeach()
set(_twelve "${SOURCE_DIR}/scenarios/twelve_day_conflict")
foreach(_rows 8 30)
    file(STRINGS "${_twelve}/nodes.csv" _nodes LIMIT_COUNT ${_rows})
    math(EXPR _links_rows "${_rows} * 2")
    file(STRINGS "${_twelve}/links.csv" _links LIMIT_COUNT ${_links_rows})
    list(JOIN _nodes "\n" _nodes)
    list(JOIN _links "\n" _links)
    file(WRITE "${OUT}/csv_tables/twelve_day_${_rows}" "${_nodes}\n%%\n${_links}\n")
endforeach()
