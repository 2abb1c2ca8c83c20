"""Support code for the test suite: running snippets, reading the docs, building and serving
the site, and starting the servers and processes the tests need."""
