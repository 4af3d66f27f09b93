shockflow_add_test_executable(model_tests
    unit/model/hand_cases_test.cpp)
