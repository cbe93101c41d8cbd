"""Comparisons: two answers files, many answers files, and one survey year with the next."""
