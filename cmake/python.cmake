# The Python module `shockflow` (python/): a pybind11 extension, `_core`, over
# the library, and a pure-Python package around it. Built when pybind11 (Debian:
# pybind11-dev), Python 3 with its headers (python3-dev) and numpy
# (python3-numpy) are found; without them the build goes on without it.
#
# The build leaves an importable package in <build>/python/shockflow/, so
#   PYTHONPATH=<build>/python python3 -c "import shockflow"
# works; `cmake --install` puts it in lib/python3.X/<site or dist>-packages
# under the prefix (SHOCKFLOW_INSTALL_PYTHONDIR).
option(SHOCKFLOW_PYTHON "Build the Python module shockflow if pybind11, Python 3 and numpy are found"
       ON)
set(SHOCKFLOW_HAVE_PYTHON OFF)

# The first python3 on PATH may be one without numpy (a version manager's,
# say) while the system's has it: take the first one that imports numpy,
# unless Python3_EXECUTABLE is given. The tests that run Python use it too.
function(shockflow_python_imports_numpy result candidate)
    execute_process(COMMAND "${candidate}" -c "import numpy" RESULT_VARIABLE _rc
                    OUTPUT_QUIET ERROR_QUIET)
    if(NOT _rc EQUAL 0)
        set(${result} FALSE PARENT_SCOPE)
    endif()
endfunction()
if(NOT Python3_EXECUTABLE)
    find_program(SHOCKFLOW_PYTHON3 NAMES python3 VALIDATOR shockflow_python_imports_numpy)
    if(SHOCKFLOW_PYTHON3)
        set(Python3_EXECUTABLE "${SHOCKFLOW_PYTHON3}")
    endif()
endif()

if(NOT SHOCKFLOW_PYTHON)
    message(STATUS "shockflow: SHOCKFLOW_PYTHON=OFF: no Python module")
    return()
endif()
if(SHOCKFLOW_SANITIZE)
    # The interpreter does not load the sanitizer runtimes an instrumented
    # extension needs.
    message(STATUS "shockflow: no Python module in a sanitizer build")
    return()
endif()
find_package(Python3 COMPONENTS Interpreter Development.Module NumPy)
if(Python3_FOUND)
    find_package(pybind11 CONFIG QUIET)
endif()
if(NOT Python3_FOUND OR NOT pybind11_FOUND)
    message(STATUS "shockflow: no Python module (it needs pybind11, Python 3 with its headers "
                   "and numpy; Debian: pybind11-dev python3-dev python3-numpy)")
    return()
endif()

# The extension links the library's objects into a shared object.
get_property(_python_layers GLOBAL PROPERTY SHOCKFLOW_LAYERS)
foreach(_layer IN LISTS _python_layers)
    get_target_property(_type shockflow_${_layer} TYPE)
    if(_type STREQUAL "OBJECT_LIBRARY")
        set_target_properties(shockflow_${_layer} PROPERTIES POSITION_INDEPENDENT_CODE ON)
        # Position-independent code may otherwise not inline calls between
        # the library's own functions (a shared object's symbols could be
        # interposed), which would slow the program down.
        if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
            target_compile_options(shockflow_${_layer} PRIVATE -fno-semantic-interposition)
        endif()
    endif()
endforeach()
set_target_properties(shockflow_lib PROPERTIES POSITION_INDEPENDENT_CODE ON)

set(_python_out "${CMAKE_BINARY_DIR}/python/shockflow")
pybind11_add_module(shockflow_python NO_EXTRAS
    python/src/module.cpp
    python/src/errors.cpp
    python/src/scenario_bindings.cpp
    python/src/event_bindings.cpp
    python/src/policy_bindings.cpp
    python/src/run_bindings.cpp
    python/src/compare_bindings.cpp
    python/src/sweep_bindings.cpp)
set_target_properties(shockflow_python PROPERTIES
    OUTPUT_NAME _core
    LIBRARY_OUTPUT_DIRECTORY "${_python_out}")
target_include_directories(shockflow_python PRIVATE "${CMAKE_SOURCE_DIR}/src"
                                                    "${CMAKE_SOURCE_DIR}/python/src")
target_link_libraries(shockflow_python PRIVATE shockflow::shockflow Python3::NumPy
                      shockflow_warnings)

# The pure-Python part, copied into the build tree (a change re-runs CMake).
set(SHOCKFLOW_PYTHON_FILES __init__.py _errors.py _results.py _scenario.py _sweep.py)
foreach(_file IN LISTS SHOCKFLOW_PYTHON_FILES)
    configure_file("${CMAKE_SOURCE_DIR}/python/shockflow/${_file}" "${_python_out}/${_file}"
                   COPYONLY)
endforeach()

get_filename_component(_site "${Python3_SITEARCH}" NAME)
set(SHOCKFLOW_INSTALL_PYTHONDIR
    "lib/python${Python3_VERSION_MAJOR}.${Python3_VERSION_MINOR}/${_site}"
    CACHE STRING "Where `cmake --install` puts the Python package, relative to the prefix")
install(TARGETS shockflow_python LIBRARY DESTINATION "${SHOCKFLOW_INSTALL_PYTHONDIR}/shockflow")
list(TRANSFORM SHOCKFLOW_PYTHON_FILES PREPEND "${CMAKE_SOURCE_DIR}/python/shockflow/")
install(FILES ${SHOCKFLOW_PYTHON_FILES} DESTINATION "${SHOCKFLOW_INSTALL_PYTHONDIR}/shockflow")

set(SHOCKFLOW_HAVE_PYTHON ON)
message(STATUS "shockflow: building the Python module for ${Python3_EXECUTABLE} "
               "(${Python3_VERSION}) into ${CMAKE_BINARY_DIR}/python")
