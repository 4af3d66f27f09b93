# tests of src/model
