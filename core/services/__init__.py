"""Domain services: the rules, written once, used by the API, the CLI and jobs alike."""
