# `cmake --install <build> --prefix DIR` puts the program, the library, its
# headers and the report's chart library under DIR:
#   bin/shockflow (and bin/shockflow-mpi), lib/libshockflow.a, include/shockflow/...,
#   share/shockflow/report/*.js (where the installed program looks for them),
#   lib/cmake/shockflow/ (so that another CMake project can
#   `find_package(shockflow)` and link `shockflow::shockflow`).
include(CMakePackageConfigHelpers)

set(SHOCKFLOW_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/shockflow")

install(TARGETS shockflow RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
if(SHOCKFLOW_HAVE_MPI)
    install(TARGETS shockflow-mpi RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
endif()
# The two INTERFACE targets carry only build flags; a static library's
# private links must still be part of its export.
install(TARGETS shockflow_lib shockflow_warnings shockflow_sanitizers
        EXPORT shockflowTargets
        ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}")
install(DIRECTORY "${CMAKE_SOURCE_DIR}/include/shockflow"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
# Missing when the build could not install the chart library (no npm).
install(DIRECTORY "${SHOCKFLOW_REPORT_ASSETS_DIR}/"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/shockflow/report" OPTIONAL)

install(EXPORT shockflowTargets NAMESPACE shockflow::
        DESTINATION "${SHOCKFLOW_INSTALL_CMAKEDIR}")
configure_package_config_file("${CMAKE_SOURCE_DIR}/cmake/shockflowConfig.cmake.in"
    "${CMAKE_BINARY_DIR}/generated/shockflowConfig.cmake"
    INSTALL_DESTINATION "${SHOCKFLOW_INSTALL_CMAKEDIR}")
write_basic_package_version_file("${CMAKE_BINARY_DIR}/generated/shockflowConfigVersion.cmake"
    VERSION "${PROJECT_VERSION}" COMPATIBILITY SameMinorVersion)
install(FILES "${CMAKE_BINARY_DIR}/generated/shockflowConfig.cmake"
              "${CMAKE_BINARY_DIR}/generated/shockflowConfigVersion.cmake"
        DESTINATION "${SHOCKFLOW_INSTALL_CMAKEDIR}")
