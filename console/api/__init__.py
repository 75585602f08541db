"""The console's API client: every screen, and every plugin screen, talks to Touchstone here."""

from console.api.client import ApiClient
from console.api.problems import ApiError, FieldError, Problem
from console.api.touchstone import TouchstoneApi

__all__ = ["ApiClient", "ApiError", "FieldError", "Problem", "TouchstoneApi"]
