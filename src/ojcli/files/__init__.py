"""Reading and writing files: questionnaires, answers files, backups, locks and the cache."""
