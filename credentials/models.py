"""Models of this app (to come with its issue)."""
