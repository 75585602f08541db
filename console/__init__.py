"""The Textual admin console, a client of the HTTP API (arrives with its own issue)."""
