"""The console's screens: one module per screen, modals typed by what they return."""
