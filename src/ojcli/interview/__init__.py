"""The interview: walk the asked questions, parse replies, and set up a new answers file."""
