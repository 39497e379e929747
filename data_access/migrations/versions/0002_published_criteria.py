"""the operator's published К1–К5 next to published_total

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 11:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

COLUMNS = ('published_k1', 'published_k2', 'published_k3', 'published_k4', 'published_k5')


def upgrade() -> None:
    for name in COLUMNS:
        op.add_column('assessment', sa.Column(name, sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('assessment') as batch:
        for name in COLUMNS:
            batch.drop_column(name)
