"""Tests of the synthetic sample dataset."""
