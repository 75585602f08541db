"""one spelling for enum values: the e-banking channel is stored as ``e_banking``

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 19:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | Sequence[str] | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD, NEW = 'e-banking', 'e_banking'


def _respell(before: str, after: str) -> None:
    with op.batch_alter_table('touchpoint', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_touchpoint_channel'), type_='check')
    for table in ('touchpoint', 'service_event'):
        op.execute(sa.text(f"UPDATE {table} SET channel = :after WHERE channel = :before").bindparams(
            before=before, after=after
        ))
    with op.batch_alter_table('touchpoint', schema=None) as batch_op:
        batch_op.create_check_constraint(
            batch_op.f('ck_touchpoint_channel'), f"channel IN ('branch', 'phone', '{after}', 'visit')"
        )


def upgrade() -> None:
    _respell(OLD, NEW)


def downgrade() -> None:
    _respell(NEW, OLD)
