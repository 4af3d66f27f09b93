# AddressSanitizer + UndefinedBehaviorSanitizer, opt-in, on an INTERFACE target.
add_library(shockflow_sanitizers INTERFACE)
if(SHOCKFLOW_SANITIZE)
    set(_san -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_compile_options(shockflow_sanitizers INTERFACE ${_san})
    target_link_options(shockflow_sanitizers INTERFACE ${_san})
endif()
