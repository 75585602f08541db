"""Touchstone's bundled plugins, one package each (complaints, VIP benefits, partner
merchants, surveys), registered through the same ``touchstone.plugins`` entry points as an
outside company's. None has landed yet; see docs/plugins.md for how they are built."""
