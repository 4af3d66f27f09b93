# AddressSanitizer + UndefinedBehaviorSanitizer, opt-in, on an INTERFACE target.
add_library(shockflow_sanitizers INTERFACE)
if(SHOCKFLOW_SANITIZE OR SHOCKFLOW_FUZZ)
    set(_san -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_compile_options(shockflow_sanitizers INTERFACE ${_san})
    target_link_options(shockflow_sanitizers INTERFACE ${_san})
endif()
if(SHOCKFLOW_FUZZ)
    # libFuzzer's coverage instrumentation everywhere; its main() only in the
    # fuzz targets (cmake/fuzz.cmake links them with -fsanitize=fuzzer).
    target_compile_options(shockflow_sanitizers INTERFACE -fsanitize=fuzzer-no-link)
endif()
