"""Scoring kg against public benchmarks."""
