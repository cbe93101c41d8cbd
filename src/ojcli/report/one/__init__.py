"""One answers file's report in each output format."""
