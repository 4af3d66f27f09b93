# tests of src/des
