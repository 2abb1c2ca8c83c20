"""Support code for the test suite: running snippets and reading the docs."""
