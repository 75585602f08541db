"""complaints: each order records the counting rule its due dates were computed by

Deadlines now move off every rest day (ordinary weekends too), not only off holidays. The
orders already stored were counted by the first rule, which the server default records; the
next run of the ``complaints-sla`` job re-dates the open ones before it escalates anything
(the re-dating needs the policies resolved along the organisation tree and the calendars,
which is the plugin's code, not a migration's). The calendar's data does not change: it holds
holidays and make-up working days, and every other weekend day is a rest day by the rule.

Revision ID: b9f28b61096a
Revises: c0a1e4d2b7f3
Create Date: 2026-12-03 15:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'b9f28b61096a'
down_revision: str | Sequence[str] | None = 'c0a1e4d2b7f3'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('complaints_order', sa.Column('counting_rule', sa.Integer(), server_default='1', nullable=False))


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN on SQLite too (3.35+): a batch copy would drop the table the
    # steps and extensions reference, which SQLite's foreign keys refuse once orders exist
    op.drop_column('complaints_order', 'counting_rule')
