"""Tests of the benchmark helpers (not of storyline itself)."""
