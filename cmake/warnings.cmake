# Warning flags live on an INTERFACE target so that they never leak into the
# flags of dependencies found with find_package.
add_library(shockflow_warnings INTERFACE)
target_compile_options(shockflow_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual
    -Wnull-dereference -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
if(SHOCKFLOW_WARNINGS_AS_ERRORS)
    target_compile_options(shockflow_warnings INTERFACE -Werror)
endif()
