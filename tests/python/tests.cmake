# The Python module (cmake/python.cmake) tested with pytest, one CTest test per
# tests/python/test_*.py, run against the package in <build>/python and the
# program built beside it. Needs pytest and pandas (Debian: python3-pytest,
# python3-pandas); without them, or without the module, reported as skipped.
set(_pytest_python "")
if(SHOCKFLOW_HAVE_PYTHON)
    execute_process(COMMAND "${Python3_EXECUTABLE}" -c "import pytest, pandas"
                    RESULT_VARIABLE _pytest_rc OUTPUT_QUIET ERROR_QUIET)
    if(_pytest_rc EQUAL 0)
        set(_pytest_python "${Python3_EXECUTABLE}")
    endif()
endif()
if(_pytest_python)
    file(GLOB _python_tests CONFIGURE_DEPENDS RELATIVE "${CMAKE_CURRENT_SOURCE_DIR}/python"
         "${CMAKE_CURRENT_SOURCE_DIR}/python/test_*.py")
    list(SORT _python_tests)
    foreach(_file IN LISTS _python_tests)
        string(REGEX REPLACE "^test_(.*)\\.py$" "\\1" _name "${_file}")
        # No cache or bytecode left in the source tree.
        add_test(NAME python.${_name}
                 COMMAND "${_pytest_python}" -B -m pytest -q -p no:cacheprovider
                         "${CMAKE_CURRENT_SOURCE_DIR}/python/${_file}")
        set_tests_properties(python.${_name} PROPERTIES TIMEOUT 600 ENVIRONMENT
            "PYTHONPATH=${CMAKE_BINARY_DIR}/python;SHOCKFLOW_EXE=$<TARGET_FILE:shockflow>;SHOCKFLOW_BUILD_DIR=${CMAKE_BINARY_DIR};SHOCKFLOW_CMAKE=${CMAKE_COMMAND};SHOCKFLOW_INSTALL_PYTHONDIR=${SHOCKFLOW_INSTALL_PYTHONDIR}")
    endforeach()
else()
    add_test(NAME python.module COMMAND "${CMAKE_COMMAND}" -E echo
             "no Python module in this build, or no pytest or pandas: skipped")
    set_tests_properties(python.module PROPERTIES SKIP_REGULAR_EXPRESSION "skipped")
endif()

# docs/python_tour.py, the README's tour in Python, runs to its end.
if(_pytest_python)
    add_test(NAME python.tour COMMAND "${_pytest_python}" -B "${CMAKE_SOURCE_DIR}/docs/python_tour.py"
             WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}")
    set_tests_properties(python.tour PROPERTIES TIMEOUT 300
                         ENVIRONMENT "PYTHONPATH=${CMAKE_BINARY_DIR}/python")
endif()
