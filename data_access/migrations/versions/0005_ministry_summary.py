"""ministry_summary: the summaries founder ministries owe the coordinating ministry

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 14:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'ministry_summary',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('region_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('sector', sa.String(length=20), nullable=False),
        sa.Column('title', sa.String(length=300), nullable=False),
        sa.Column('due_date', sa.Date(), nullable=False),
        sa.Column('received_on', sa.Date(), nullable=True),
        sa.Column('note', sa.Text(), nullable=True),
        sa.CheckConstraint('year BETWEEN 2013 AND 2100',
                           name=op.f('ck_ministry_summary_year_range')),
        sa.ForeignKeyConstraint(['region_id'], ['region.id'],
                                name=op.f('fk_ministry_summary_region_id_region')),
        sa.ForeignKeyConstraint(['sector'], ['sector.code'],
                                name=op.f('fk_ministry_summary_sector_sector')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_ministry_summary')),
        sa.UniqueConstraint('region_id', 'sector', 'due_date',
                            name=op.f('uq_ministry_summary_region_id_sector_due_date')),
    )
    op.create_index(op.f('ix_ministry_summary_region_id'), 'ministry_summary', ['region_id'])
    op.create_index(op.f('ix_ministry_summary_sector'), 'ministry_summary', ['sector'])
    op.create_index(op.f('ix_ministry_summary_year'), 'ministry_summary', ['year'])


def downgrade() -> None:
    op.drop_table('ministry_summary')
