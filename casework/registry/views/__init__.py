"""The registries' pages, one module per subject."""
