"""Helpers without models: dates, codes, files, PDF, CSV, the development database."""
