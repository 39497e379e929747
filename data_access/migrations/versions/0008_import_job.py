"""import_job: imports in the background; user_session: server-side sessions

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 19:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'import_job',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('file_name', sa.String(length=500), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('user_login', sa.String(length=100), nullable=False),
        sa.Column('region', sa.String(length=10), nullable=False),
        sa.Column('sheet', sa.String(length=200), nullable=True),
        sa.Column('dry_run', sa.Boolean(), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('stage', sa.String(length=20), nullable=False),
        sa.Column('rows_read', sa.Integer(), nullable=False),
        sa.Column('rows_checked', sa.Integer(), nullable=False),
        sa.Column('rows_applied', sa.Integer(), nullable=False),
        sa.Column('cancel_requested', sa.Boolean(), nullable=False),
        sa.Column('message', sa.Text(), nullable=True),
        sa.Column('result', sa.Text(), nullable=True),
        sa.Column('batch_id', sa.Integer(), nullable=True),
        sa.Column('host', sa.String(length=255), nullable=False),
        sa.Column('pid', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('heartbeat_at', sa.DateTime(), nullable=False),
        sa.Column('finished_at', sa.DateTime(), nullable=True),
        sa.CheckConstraint("status IN ('running', 'done', 'failed', 'cancelled')",
                           name=op.f('ck_import_job_status_known')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_import_job')),
    )
    op.create_index(op.f('ix_import_job_status'), 'import_job', ['status'])
    op.create_index(op.f('ix_import_job_user_login'), 'import_job', ['user_login'])
    op.create_table(
        'user_session',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.Column('revoked_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], ondelete='CASCADE',
                                name=op.f('fk_user_session_user_id_app_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_user_session')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_user_session_token_hash')),
    )
    op.create_index(op.f('ix_user_session_user_id'), 'user_session', ['user_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_user_session_user_id'), table_name='user_session')
    op.drop_table('user_session')
    op.drop_index(op.f('ix_import_job_user_login'), table_name='import_job')
    op.drop_index(op.f('ix_import_job_status'), table_name='import_job')
    op.drop_table('import_job')
