# bad-input fixtures: every NAME.toml here breaks one validation rule and
# NAME.expected holds the first diagnostic `shockflow validate NAME.toml` must
# print (file names relative to this directory). check.cmake also requires exit
# status 2 and that nothing is written. The same fixtures are loaded directly
# by unit/scenario/bad_config_test.cpp.
file(GLOB _bad_config_cases CONFIGURE_DEPENDS RELATIVE "${CMAKE_CURRENT_SOURCE_DIR}/bad_config"
     "${CMAKE_CURRENT_SOURCE_DIR}/bad_config/*.expected")
list(SORT _bad_config_cases)
foreach(_case IN LISTS _bad_config_cases)
    string(REGEX REPLACE "\\.expected$" "" _name "${_case}")
    add_test(NAME bad_config.${_name}
             COMMAND "${CMAKE_COMMAND}" -DEXE=$<TARGET_FILE:shockflow> -DCASE=${_name}
                     -P "${CMAKE_CURRENT_SOURCE_DIR}/bad_config/check.cmake"
             WORKING_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}/bad_config")
endforeach()
