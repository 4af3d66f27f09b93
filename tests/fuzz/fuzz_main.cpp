// libFuzzer's entry point for one target: SHOCKFLOW_FUZZ_TARGET names the
// function of harness.hpp (cmake/fuzz.cmake builds this file once per target).
#include <cstddef>
#include <cstdint>

#include "fuzz/harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return shockflow::fuzz::SHOCKFLOW_FUZZ_TARGET(data, size);
}
