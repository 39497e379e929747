"""region_boundary: polygons of federal subjects for the federal overview

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 13:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'region_boundary',
        sa.Column('region_id', sa.Integer(), nullable=False),
        sa.Column('geometry', sa.Text(), nullable=False),
        sa.Column('source', sa.String(length=300), nullable=False),
        sa.Column('loaded_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'),
                  nullable=False),
        sa.ForeignKeyConstraint(['region_id'], ['region.id'], ondelete='CASCADE',
                                name=op.f('fk_region_boundary_region_id_region')),
        sa.PrimaryKeyConstraint('region_id', name=op.f('pk_region_boundary')),
    )


def downgrade() -> None:
    op.drop_table('region_boundary')
