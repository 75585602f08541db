"""The Litestar HTTP API: app factory, authentication, problem documents, routes."""
