"""Rule ``migration-history`` (``touchstone plugin check`` only): each owner's migrations,
run alone on a scratch SQLite database after the core's, create the owner's tables and no one
else's, and every table of a plugin's models is created by its own migrations."""

from __future__ import annotations

import acme_lounge

from core.api.conformance import migration_history
from core.errors import Finding
from tests.core.conformance import trespasser
from tests.core.conformance.checking import findings


def test_a_table_of_another_plugin_one_without_prefix_and_one_never_created_are_named() -> None:
    assert findings(("acme_lounge", acme_lounge), ("trespasser", trespasser), rules=[migration_history]) == [
        Finding(
            "trespasser",
            "migration-history",
            "its migrations create 'acme_lounge_stowaway', a table of plugin 'acme_lounge'",
        ),
        Finding("trespasser", "migration-history", "its migrations create 'loose_ends', which lacks 'trespasser_'"),
        Finding(
            "trespasser",
            "migration-history",
            "its model's table 'trespasser_ghost' is created by none of its migrations",
        ),
    ]
