# tests of src/io
