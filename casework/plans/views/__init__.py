"""The plans' pages, one module per subject."""
