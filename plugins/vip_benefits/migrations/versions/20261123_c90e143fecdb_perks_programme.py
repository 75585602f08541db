"""vip_benefits: catalogue, entitlements, redemptions, tier moves, care tasks

Revision ID: c90e143fecdb
Revises:
Create Date: 2026-11-23 18:20:37.136552
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db.base

revision: str = 'c90e143fecdb'
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('vip_benefits_perk',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('provider', sa.String(length=16), nullable=False),
    sa.Column('merchant_code', sa.String(length=64), nullable=True),
    sa.Column('merchant_name', sa.String(length=200), nullable=True),
    sa.Column('fulfilment', sa.String(length=16), nullable=False),
    sa.Column('active_from', sa.Date(), nullable=True),
    sa.Column('active_until', sa.Date(), nullable=True),
    sa.Column('unit_cost', core.db.base.Money(), nullable=True),
    sa.Column('cancel_window_hours', sa.Integer(), nullable=False),
    sa.Column('created_at', core.db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("(provider = 'merchant') = (merchant_code IS NOT NULL)", name=op.f('ck_vip_benefits_perk_merchant')),
    sa.CheckConstraint("fulfilment IN ('booking', 'voucher', 'on_the_spot')", name=op.f('ck_vip_benefits_perk_fulfilment')),
    sa.CheckConstraint("provider IN ('bank', 'merchant')", name=op.f('ck_vip_benefits_perk_provider')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vip_benefits_perk')),
    sa.UniqueConstraint('code', name=op.f('uq_vip_benefits_perk_code'))
    )
    op.create_table('vip_benefits_entitlement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('perk_id', sa.Integer(), nullable=False),
    sa.Column('tier', sa.String(length=32), nullable=False),
    sa.Column('quota', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=24), nullable=False),
    sa.Column('companions', sa.Integer(), nullable=False),
    sa.Column('changed_at', core.db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('changed_by', sa.String(length=80), nullable=False),
    sa.CheckConstraint("period IN ('calendar_year', 'rolling_12_months', 'month')", name=op.f('ck_vip_benefits_entitlement_period')),
    sa.CheckConstraint('quota >= 0 AND companions >= 0', name=op.f('ck_vip_benefits_entitlement_non_negative')),
    sa.ForeignKeyConstraint(['perk_id'], ['vip_benefits_perk.id'], name=op.f('fk_vip_benefits_entitlement_perk_id_vip_benefits_perk')),
    sa.ForeignKeyConstraint(['unit_id'], ['org_unit.id'], name=op.f('fk_vip_benefits_entitlement_unit_id_org_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vip_benefits_entitlement')),
    sa.UniqueConstraint('unit_id', 'perk_id', 'tier', name=op.f('uq_vip_benefits_entitlement_unit_id_perk_id_tier'))
    )
    with op.batch_alter_table('vip_benefits_entitlement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vip_benefits_entitlement_perk_id'), ['perk_id'], unique=False)

    op.create_table('vip_benefits_care_task',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=40), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('created_at', core.db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('done_at', core.db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('done_by', sa.String(length=80), nullable=True),
    sa.CheckConstraint("status IN ('open', 'done')", name=op.f('ck_vip_benefits_care_task_status')),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_vip_benefits_care_task_client_id_client')),
    sa.ForeignKeyConstraint(['unit_id'], ['org_unit.id'], name=op.f('fk_vip_benefits_care_task_unit_id_org_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vip_benefits_care_task')),
    sa.UniqueConstraint('client_id', 'kind', 'year', name=op.f('uq_vip_benefits_care_task_client_id_kind_year')),
    sa.UniqueConstraint('public_id', name=op.f('uq_vip_benefits_care_task_public_id'))
    )
    with op.batch_alter_table('vip_benefits_care_task', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vip_benefits_care_task_unit_id'), ['unit_id'], unique=False)

    op.create_table('vip_benefits_quota_guard',
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('perk_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_vip_benefits_quota_guard_client_id_client')),
    sa.ForeignKeyConstraint(['perk_id'], ['vip_benefits_perk.id'], name=op.f('fk_vip_benefits_quota_guard_perk_id_vip_benefits_perk')),
    sa.PrimaryKeyConstraint('client_id', 'perk_id', name=op.f('pk_vip_benefits_quota_guard'))
    )
    op.create_table('vip_benefits_redemption',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=40), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('perk_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('client_unit_id', sa.Integer(), nullable=False),
    sa.Column('tier', sa.String(length=32), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('companions', sa.Integer(), nullable=False),
    sa.Column('scheduled_for', core.db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('voucher_code', sa.String(length=32), nullable=True),
    sa.Column('note', sa.String(length=400), nullable=True),
    sa.Column('unit_cost', core.db.base.Money(), nullable=True),
    sa.Column('redeemed_at', core.db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('redeemed_by', sa.String(length=80), nullable=False),
    sa.Column('cancel_deadline', core.db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('cancelled_at', core.db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('cancelled_by', sa.String(length=80), nullable=True),
    sa.Column('cancel_reason', sa.Text(), nullable=True),
    sa.Column('event_id', sa.String(length=40), nullable=True),
    sa.CheckConstraint("status IN ('booked', 'redeemed', 'cancelled')", name=op.f('ck_vip_benefits_redemption_status')),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_vip_benefits_redemption_client_id_client')),
    sa.ForeignKeyConstraint(['client_unit_id'], ['org_unit.id'], name=op.f('fk_vip_benefits_redemption_client_unit_id_org_unit')),
    sa.ForeignKeyConstraint(['perk_id'], ['vip_benefits_perk.id'], name=op.f('fk_vip_benefits_redemption_perk_id_vip_benefits_perk')),
    sa.ForeignKeyConstraint(['unit_id'], ['org_unit.id'], name=op.f('fk_vip_benefits_redemption_unit_id_org_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vip_benefits_redemption')),
    sa.UniqueConstraint('public_id', name=op.f('uq_vip_benefits_redemption_public_id'))
    )
    with op.batch_alter_table('vip_benefits_redemption', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vip_benefits_redemption_perk_id'), ['perk_id'], unique=False)
        batch_op.create_index('ix_vip_benefits_redemption_quota', ['client_id', 'perk_id', 'redeemed_at'], unique=False)
        batch_op.create_index('ix_vip_benefits_redemption_report', ['redeemed_at', 'unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_vip_benefits_redemption_unit_id'), ['unit_id'], unique=False)

    op.create_table('vip_benefits_tier_move',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('old_tier', sa.String(length=32), nullable=False),
    sa.Column('new_tier', sa.String(length=32), nullable=False),
    sa.Column('direction', sa.String(length=16), nullable=False),
    sa.Column('moved_at', core.db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('prorated', sa.Boolean(), nullable=False),
    sa.Column('grace_until', core.db.base.UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint("direction IN ('upgrade', 'downgrade')", name=op.f('ck_vip_benefits_tier_move_direction')),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_vip_benefits_tier_move_client_id_client')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vip_benefits_tier_move'))
    )
    with op.batch_alter_table('vip_benefits_tier_move', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vip_benefits_tier_move_client_id'), ['client_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('vip_benefits_tier_move', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vip_benefits_tier_move_client_id'))

    op.drop_table('vip_benefits_tier_move')
    with op.batch_alter_table('vip_benefits_redemption', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vip_benefits_redemption_unit_id'))
        batch_op.drop_index('ix_vip_benefits_redemption_report')
        batch_op.drop_index('ix_vip_benefits_redemption_quota')
        batch_op.drop_index(batch_op.f('ix_vip_benefits_redemption_perk_id'))

    op.drop_table('vip_benefits_redemption')
    op.drop_table('vip_benefits_quota_guard')
    with op.batch_alter_table('vip_benefits_care_task', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vip_benefits_care_task_unit_id'))

    op.drop_table('vip_benefits_care_task')
    with op.batch_alter_table('vip_benefits_entitlement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vip_benefits_entitlement_perk_id'))

    op.drop_table('vip_benefits_entitlement')
    op.drop_table('vip_benefits_perk')
