# tests of src/core
