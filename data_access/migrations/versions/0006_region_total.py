"""region_total: pre-aggregated figures per region, year, sector and founder level

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 13:45:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'region_total',
        sa.Column('region_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('sector', sa.String(length=20), nullable=False),
        sa.Column('founder_level', sa.String(length=20), nullable=False),
        *(sa.Column(c, sa.Integer(), nullable=False)
          for c in ('organizations', 'year_covered', 'covered', 'assessed')),
        *(sa.Column(c, sa.Float(), nullable=False)
          for c in ('total_sum', 'k1_sum', 'k2_sum', 'k3_sum', 'k4_sum', 'k5_sum')),
        *(sa.Column(c, sa.Integer(), nullable=False) for c in ('measures', 'overdue')),
        sa.ForeignKeyConstraint(['region_id'], ['region.id'], ondelete='CASCADE',
                                name=op.f('fk_region_total_region_id_region')),
        sa.PrimaryKeyConstraint('region_id', 'year', 'sector', 'founder_level',
                                name=op.f('pk_region_total')),
    )
    # Databases filled before this revision get the table's rows from 0007, which refreshes
    # it once its columns are complete: the app's refresh writes the latest columns, so only
    # the newest migration that changes region_total may call it.


def downgrade() -> None:
    op.drop_table('region_total')
