"""Tables in the wrong places (a test fixture of rule migration-history).

Revision ID: 7e5a0c1d2b3f
Revises:
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "7e5a0c1d2b3f"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    for name in ("trespasser_ok", "loose_ends", "acme_lounge_stowaway"):
        op.create_table(name, sa.Column("id", sa.Integer, primary_key=True))


def downgrade() -> None:
    for name in ("trespasser_ok", "loose_ends", "acme_lounge_stowaway"):
        op.drop_table(name)
