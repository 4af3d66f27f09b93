shockflow_add_test_executable(des_tests
    unit/des/event_queue_test.cpp)
