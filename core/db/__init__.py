"""Storage: the declarative base, engines, units of work and migrations."""
