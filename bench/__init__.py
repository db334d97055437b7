"""Masthead's benchmarks: `make bench` (never part of the test suite)."""
