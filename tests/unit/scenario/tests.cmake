# tests of src/scenario
