"""Renderers: one report model, several output formats. A renderer never computes a verdict.

The formats and where each one's renderers are: `ojcli.report.formats` (stdlib only, so the CLI
can offer them at start-up; the renderers, and the scoring they read, load when a report is made).
"""
