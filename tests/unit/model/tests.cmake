shockflow_add_test_executable(model_tests
    unit/model/hand_cases_test.cpp
    unit/model/invariants_test.cpp
    unit/model/kpi_test.cpp
    unit/model/leontief_test.cpp
    unit/model/money_test.cpp
    unit/model/policy_test.cpp
    unit/model/sampling_test.cpp)
