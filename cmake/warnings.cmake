# Warning flags live on an INTERFACE target so that they never leak into the
# flags of dependencies found with find_package.
add_library(shockflow_warnings INTERFACE)
target_compile_options(shockflow_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual
    -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
# Not used: -Wnull-dereference. With optimisation on, GCC 12 reports it inside
# toml++ and libstdc++ stream code where no null can reach (false positives).
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    # GCC 12 bug 105329: -Wrestrict fires on std::string concatenation in
    # optimised builds. Fixed in GCC 13.
    target_compile_options(shockflow_warnings INTERFACE -Wno-restrict)
endif()
if(SHOCKFLOW_WARNINGS_AS_ERRORS)
    target_compile_options(shockflow_warnings INTERFACE -Werror)
endif()
