"""Fixtures of the family tests: one CPU thread, and the tiny Wan stack built once (measure_specs.py)."""

from tests.validator.measure_specs import one_thread, wan_tiny  # noqa: F401 (fixtures)
