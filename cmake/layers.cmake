# shockflow_add_layer(LAYER [BELOW LAYER] FOLDERS folder... [SOURCES file...] [DEPS target...])
#
# One layer of the library (the order is in CMakeLists.txt): the target
# shockflow_<LAYER>, an OBJECT library of SOURCES, or an INTERFACE library
# when the layer is header-only. It links the layer BELOW (and through it
# every lower one) and the third-party targets DEPS it uses itself.
#
# Its include roots hold its own headers only, as symbolic links made at
# configure time:
#   <build>/layers/<LAYER>/shockflow/<folder> -> include/shockflow/<folder>
#       for each of FOLDERS (public headers, installed);
#   <build>/layers-private/<LAYER>/<LAYER>     -> src/<LAYER>
#       (internal headers, shared with the layers above but not installed).
# A layer therefore compiles against its own roots and those of the layers
# below, and an #include of a higher layer's header, "shockflow/<higher>/x.hpp"
# or "<higher>/x.hpp", fails with "No such file or directory".
function(shockflow_add_layer layer)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "BELOW" "FOLDERS;SOURCES;DEPS")
    set(_target shockflow_${layer})
    set(_public "${CMAKE_BINARY_DIR}/layers/${layer}")
    set(_private "${CMAKE_BINARY_DIR}/layers-private/${layer}")
    file(MAKE_DIRECTORY "${_public}/shockflow" "${_private}")
    foreach(_folder IN LISTS arg_FOLDERS)
        file(CREATE_LINK "${CMAKE_SOURCE_DIR}/include/shockflow/${_folder}"
             "${_public}/shockflow/${_folder}" SYMBOLIC)
    endforeach()
    file(CREATE_LINK "${CMAKE_SOURCE_DIR}/src/${layer}" "${_private}/${layer}" SYMBOLIC)

    if(arg_SOURCES)
        add_library(${_target} OBJECT ${arg_SOURCES})
        set(_scope PUBLIC)
        target_link_libraries(${_target} PRIVATE ${arg_DEPS} shockflow_warnings
                              shockflow_sanitizers)
    else()
        add_library(${_target} INTERFACE)
        set(_scope INTERFACE)
        target_link_libraries(${_target} INTERFACE ${arg_DEPS})
    endif()
    target_include_directories(${_target} ${_scope} "${_public}" "${_private}")
    if(arg_BELOW)
        target_link_libraries(${_target} ${_scope} shockflow_${arg_BELOW})
    endif()

    set_property(GLOBAL APPEND PROPERTY SHOCKFLOW_LAYERS ${layer})
    set_property(GLOBAL PROPERTY SHOCKFLOW_LAYER_FOLDERS_${layer} ${arg_FOLDERS})
endfunction()
