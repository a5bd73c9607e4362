"""SJS service plans: plans and their objectives, closing and closure requests between
providers, and reports. Builds on casework.registry (clients, service points, employers)."""
