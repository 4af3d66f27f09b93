# cmake -DREPORT_DIR=... -DDEST=... -P report_copy_assets.cmake
# Copies the three chart scripts from report/node_modules into the build tree,
# if they are installed.
set(_files
    "${REPORT_DIR}/node_modules/vega/build/vega.min.js"
    "${REPORT_DIR}/node_modules/vega-lite/build/vega-lite.min.js"
    "${REPORT_DIR}/node_modules/vega-embed/build/vega-embed.min.js")
foreach(_file IN LISTS _files)
    if(NOT EXISTS "${_file}")
        return()
    endif()
endforeach()
file(MAKE_DIRECTORY "${DEST}")
foreach(_file IN LISTS _files)
    get_filename_component(_name "${_file}" NAME)
    file(COPY_FILE "${_file}" "${DEST}/${_name}" ONLY_IF_DIFFERENT)
endforeach()
