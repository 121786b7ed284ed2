"""Tests of the publish stage (export, report)."""
