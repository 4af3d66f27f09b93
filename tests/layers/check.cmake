# The layers of the library hold: in each layer's own compile setting (its
# include directories, read from the build), an #include of a header of a
# higher layer, public (shockflow/<folder>/x.hpp) or internal (<layer>/x.hpp),
# is not found; a header of the layer itself and of each lower layer is. (Only
# the preprocessor runs: whether a header is reachable is the question.)
#   cmake -DMANIFEST=<build>/layers/manifest.cmake -DSOURCE_DIR=... -DWORK=... -P check.cmake
# MANIFEST sets CXX, LAYERS (lowest first) and, per layer, FOLDERS_<layer>
# (its public folders) and INCLUDES_<layer> (its include directories).
foreach(_var MANIFEST SOURCE_DIR WORK)
    if(NOT DEFINED ${_var})
        message(FATAL_ERROR "check.cmake: -D${_var}=... is required")
    endif()
endforeach()
include("${MANIFEST}")
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

# The first header (by name) of a folder, as an include path from `root`; "" if none.
function(first_header root folder out)
    file(GLOB _headers RELATIVE "${root}" "${root}/${folder}/*.hpp")
    list(SORT _headers)
    list(LENGTH _headers _n)
    if(_n EQUAL 0)
        set(${out} "" PARENT_SCOPE)
    else()
        list(GET _headers 0 _first)
        set(${out} "${_first}" PARENT_SCOPE)
    endif()
endfunction()

# The headers standing for `layer`: one per public folder, one internal.
function(layer_headers layer out)
    set(_list "")
    foreach(_folder IN LISTS FOLDERS_${layer})
        first_header("${SOURCE_DIR}/include" "shockflow/${_folder}" _h)
        list(APPEND _list "${_h}")
    endforeach()
    first_header("${SOURCE_DIR}/src" "${layer}" _h)
    if(_h)
        list(APPEND _list "${_h}")
    endif()
    set(${out} "${_list}" PARENT_SCOPE)
endfunction()

# Compiles a file of one #include per header of `headers` with the include
# directories of `layer`; sets `rc` and `err` in the caller.
function(try_include layer headers)
    string(MD5 _name "${layer} ${headers}")
    set(_file "${WORK}/${layer}_${_name}.cpp")
    set(_text "")
    foreach(_header IN LISTS headers)
        string(APPEND _text "#include \"${_header}\"\n")
    endforeach()
    file(WRITE "${_file}" "${_text}")
    set(_flags "")
    foreach(_dir IN LISTS INCLUDES_${layer})
        list(APPEND _flags "-I${_dir}")
    endforeach()
    execute_process(COMMAND "${CXX}" -std=c++20 -E -o "${_file}.i" ${_flags} "${_file}"
                    RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
    set(rc "${_rc}" PARENT_SCOPE)
    set(err "${_out}${_err}" PARENT_SCOPE)
endfunction()

set(_failures "")
set(_below "")
foreach(_layer IN LISTS LAYERS)
    # Its own headers and those of every lower layer, all in one file.
    layer_headers(${_layer} _own)
    list(APPEND _below ${_own})
    try_include(${_layer} "${_below}")
    if(NOT rc EQUAL 0)
        string(APPEND _failures "${_layer} cannot include its own or a lower layer's headers "
               "(${_below}):\n${err}\n")
    endif()
endforeach()
set(_checked 0)
foreach(_layer IN LISTS LAYERS)
    # Every header of every higher layer, one at a time.
    list(FIND LAYERS ${_layer} _i)
    foreach(_other IN LISTS LAYERS)
        list(FIND LAYERS ${_other} _j)
        if(_j LESS_EQUAL _i)
            continue()
        endif()
        layer_headers(${_other} _headers)
        foreach(_header IN LISTS _headers)
            try_include(${_layer} "${_header}")
            math(EXPR _checked "${_checked} + 1")
            if(rc EQUAL 0)
                string(APPEND _failures "${_layer} can include ${_header} (layer ${_other}, "
                       "above it)\n")
            elseif(NOT err MATCHES "${_header}: No such file or directory|'${_header}' file not found")
                # Not found must be the header itself, not one it includes.
                string(APPEND _failures "${_layer} including ${_header} failed for another "
                       "reason than not finding it:\n${err}\n")
            endif()
        endforeach()
    endforeach()
endforeach()
if(_failures)
    message(FATAL_ERROR "the layers do not hold:\n${_failures}")
endif()
message(STATUS "layers ${LAYERS}: ${_checked} upward includes fail, as they should")
