"""Comparisons of answers files in each output format."""
