"""Checks ctest runs: the layer rule, the docs, the browser, the SARIF
locations, GoogleTest sharding."""
