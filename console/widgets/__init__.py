"""Widgets the console's screens are built from, and plugin screens may reuse."""
