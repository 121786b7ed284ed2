"""Tests of the fixture site server."""
