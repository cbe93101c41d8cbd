"""Renderers: one score report, several output formats. A renderer never computes a verdict."""
