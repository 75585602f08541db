"""outbox messages name the client whose personal data they carry, so a purge can take it back

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 19:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | Sequence[str] | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('client', sa.String(length=40), nullable=True))
        batch_op.create_index(batch_op.f('ix_outbox_message_client'), ['client'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_message_client'))
        batch_op.drop_column('client')
