"""idempotency records for every route that spends something (replaces the event batch receipts)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 18:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0003'
down_revision: str | Sequence[str] | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql')


def upgrade() -> None:
    op.create_table('idempotency_record',
    sa.Column('key', sa.String(length=400), nullable=False),
    sa.Column('scope', sa.String(length=100), nullable=False),
    sa.Column('principal', sa.String(length=80), nullable=False),
    sa.Column('request_hash', sa.String(length=64), nullable=False),
    sa.Column('status_code', sa.SmallInteger(), nullable=False),
    sa.Column('response', JSON, nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_idempotency_record'))
    )
    op.create_index(op.f('ix_idempotency_record_created_at'), 'idempotency_record', ['created_at'], unique=False)
    # Batch receipts keep answering: '<principal>:<key>' becomes '<principal>:events.batch:<key>'.
    op.execute(sa.text(
        "INSERT INTO idempotency_record (key, scope, principal, request_hash, status_code, response, created_at) "
        "SELECT principal || '\\:events.batch\\:' || substr(key, length(principal) + 2), 'events.batch', principal, "
        "request_hash, 200, response, created_at FROM service_event_batch"
    ))
    op.drop_table('service_event_batch')


def downgrade() -> None:
    op.create_table('service_event_batch',
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('principal', sa.String(length=80), nullable=False),
    sa.Column('request_hash', sa.String(length=64), nullable=False),
    sa.Column('response', JSON, nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_service_event_batch'))
    )
    op.execute(sa.text(
        "INSERT INTO service_event_batch (key, principal, request_hash, response, created_at) "
        "SELECT principal || '\\:' || substr(key, length(principal) + 15), principal, "
        "request_hash, response, created_at FROM idempotency_record WHERE scope = 'events.batch'"
    ))
    op.drop_index(op.f('ix_idempotency_record_created_at'), table_name='idempotency_record')
    op.drop_table('idempotency_record')
