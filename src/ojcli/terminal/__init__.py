"""The terminal: rich consoles and prompts, and plain text for the fast paths."""
