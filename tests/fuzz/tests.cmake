# The fuzz targets' harnesses over their seeds and every regression input
# (tests/fuzz/replay_test.cpp), in the ordinary builds; the fuzz targets
# themselves are built by the fuzz preset only (cmake/fuzz.cmake).
shockflow_add_test_executable(fuzz_replay_tests fuzz/replay_test.cpp fuzz/harness.cpp)
