set(SHOCKFLOW_CORE_SOURCES
    src/core/error.cpp
    src/core/assert.cpp
    src/core/hash.cpp
    src/core/interned.cpp
    src/core/random.cpp
    src/core/atomic_output.cpp)
