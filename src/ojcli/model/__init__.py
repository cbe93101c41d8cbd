"""File-format models: questionnaires, rules and answer files (pydantic, data only)."""
