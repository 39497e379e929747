"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 09:11:25.618017
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('import_batch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('file_name', sa.String(length=500), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('user_login', sa.String(length=100), nullable=True),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.Column('inserted', sa.Integer(), nullable=False),
    sa.Column('updated', sa.Integer(), nullable=False),
    sa.Column('unchanged', sa.Integer(), nullable=False),
    sa.Column('result', sa.String(length=20), nullable=False),
    sa.Column('message', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_batch'))
    )
    op.create_table('operator',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inn', sa.String(length=10), nullable=False),
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.CheckConstraint('length(inn) = 10', name=op.f('ck_operator_inn_length')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_operator')),
    sa.UniqueConstraint('inn', name=op.f('uq_operator_inn'))
    )
    op.create_table('recommendation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('resolution', sa.String(length=50), nullable=False),
    sa.Column('resolution_date', sa.Date(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('targets', sa.String(length=300), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recommendation')),
    sa.UniqueConstraint('resolution', 'number', name=op.f('uq_recommendation_resolution_number'))
    )
    op.create_table('region',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=2), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('data_as_of', sa.Date(), nullable=True),
    sa.CheckConstraint('length(code) = 2', name=op.f('ck_region_code_format')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_region')),
    sa.UniqueConstraint('code', name=op.f('uq_region_code'))
    )
    op.create_table('sector',
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('ministry', sa.String(length=200), nullable=False),
    sa.Column('has_waiting', sa.Boolean(), nullable=False),
    sa.CheckConstraint("code IN ('education', 'culture', 'health', 'social')", name=op.f('ck_sector_code_known')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_sector'))
    )
    op.create_table('app_user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('login', sa.String(length=100), nullable=False),
    sa.Column('password_hash', sa.String(length=300), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('sector', sa.String(length=20), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint("role IN ('viewer', 'ministry', 'admin')", name=op.f('ck_app_user_role_known')),
    sa.ForeignKeyConstraint(['sector'], ['sector.code'], name=op.f('fk_app_user_sector_sector')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_app_user')),
    sa.UniqueConstraint('login', name=op.f('uq_app_user_login'))
    )
    op.create_table('coverage_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('sector', sa.String(length=20), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('planned', sa.Integer(), nullable=False),
    sa.CheckConstraint('planned >= 0', name=op.f('ck_coverage_plan_planned_positive')),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_coverage_plan_region_id_region')),
    sa.ForeignKeyConstraint(['sector'], ['sector.code'], name=op.f('fk_coverage_plan_sector_sector')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coverage_plan')),
    sa.UniqueConstraint('region_id', 'sector', 'year', name=op.f('uq_coverage_plan_region_id_sector_year'))
    )
    with op.batch_alter_table('coverage_plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_coverage_plan_region_id'), ['region_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_coverage_plan_sector'), ['sector'], unique=False)
        batch_op.create_index(batch_op.f('ix_coverage_plan_year'), ['year'], unique=False)

    op.create_table('milestone',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('step', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('result', sa.String(length=300), nullable=False),
    sa.Column('responsible', sa.String(length=500), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_milestone_region_id_region')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_milestone')),
    sa.UniqueConstraint('region_id', 'year', 'step', name=op.f('uq_milestone_region_id_year_step'))
    )
    with op.batch_alter_table('milestone', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_milestone_region_id'), ['region_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_milestone_year'), ['year'], unique=False)

    op.create_table('municipality',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('oktmo', sa.String(length=11), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('population', sa.Integer(), nullable=True),
    sa.CheckConstraint("kind IN ('urban_okrug', 'municipal_district', 'municipal_okrug')", name=op.f('ck_municipality_kind_known')),
    sa.CheckConstraint('length(oktmo) IN (8, 11)', name=op.f('ck_municipality_oktmo_length')),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_municipality_region_id_region')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_municipality')),
    sa.UniqueConstraint('oktmo', name=op.f('uq_municipality_oktmo')),
    sa.UniqueConstraint('region_id', 'name', name=op.f('uq_municipality_region_id_name'))
    )
    with op.batch_alter_table('municipality', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_municipality_region_id'), ['region_id'], unique=False)

    op.create_table('recommendation_report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recommendation_id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('sector', sa.String(length=20), nullable=False),
    sa.Column('reported_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.CheckConstraint("status IN ('done', 'in_progress', 'not_started')", name=op.f('ck_recommendation_report_status_known')),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation.id'], name=op.f('fk_recommendation_report_recommendation_id_recommendation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_recommendation_report_region_id_region')),
    sa.ForeignKeyConstraint(['sector'], ['sector.code'], name=op.f('fk_recommendation_report_sector_sector')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recommendation_report')),
    sa.UniqueConstraint('recommendation_id', 'region_id', 'sector', 'reported_on', name=op.f('uq_recommendation_report_recommendation_id_region_id_sector_reported_on'))
    )
    with op.batch_alter_table('recommendation_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recommendation_report_recommendation_id'), ['recommendation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_report_region_id'), ['region_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_report_sector'), ['sector'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_report_status'), ['status'], unique=False)

    op.create_table('boundary',
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('geometry', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('loaded_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_boundary_municipality_id_municipality'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('municipality_id', name=op.f('pk_boundary'))
    )
    op.create_table('organization',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('sector', sa.String(length=20), nullable=False),
    sa.Column('inn', sa.String(length=10), nullable=False),
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('type', sa.String(length=100), nullable=False),
    sa.Column('founder_level', sa.String(length=20), nullable=False),
    sa.Column('founder', sa.String(length=300), nullable=False),
    sa.CheckConstraint("founder_level IN ('regional', 'municipal')", name=op.f('ck_organization_founder_level_known')),
    sa.CheckConstraint('length(inn) = 10', name=op.f('ck_organization_inn_length')),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_organization_municipality_id_municipality')),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_organization_region_id_region')),
    sa.ForeignKeyConstraint(['sector'], ['sector.code'], name=op.f('fk_organization_sector_sector')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organization')),
    sa.UniqueConstraint('inn', name=op.f('uq_organization_inn'))
    )
    with op.batch_alter_table('organization', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organization_founder_level'), ['founder_level'], unique=False)
        batch_op.create_index(batch_op.f('ix_organization_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_organization_region_id'), ['region_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_organization_sector'), ['sector'], unique=False)

    op.create_table('assessment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=True),
    sa.Column('respondents', sa.Integer(), nullable=False),
    sa.Column('disabled_respondents', sa.Integer(), nullable=False),
    sa.Column('k1', sa.Float(), nullable=False),
    sa.Column('k2', sa.Float(), nullable=False),
    sa.Column('k3', sa.Float(), nullable=False),
    sa.Column('k4', sa.Float(), nullable=False),
    sa.Column('k5', sa.Float(), nullable=False),
    sa.Column('total', sa.Float(), nullable=False),
    sa.Column('published_total', sa.Float(), nullable=True),
    sa.CheckConstraint('k1 >= 0 AND k1 <= 100', name=op.f('ck_assessment_k1_range')),
    sa.CheckConstraint('k2 >= 0 AND k2 <= 100', name=op.f('ck_assessment_k2_range')),
    sa.CheckConstraint('k3 >= 0 AND k3 <= 100', name=op.f('ck_assessment_k3_range')),
    sa.CheckConstraint('k4 >= 0 AND k4 <= 100', name=op.f('ck_assessment_k4_range')),
    sa.CheckConstraint('k5 >= 0 AND k5 <= 100', name=op.f('ck_assessment_k5_range')),
    sa.CheckConstraint('published_total IS NULL OR (published_total >= 0 AND published_total <= 100)', name=op.f('ck_assessment_published_total_range')),
    sa.CheckConstraint('respondents >= 0 AND disabled_respondents >= 0 AND disabled_respondents <= respondents', name=op.f('ck_assessment_respondents_valid')),
    sa.CheckConstraint('total >= 0 AND total <= 100', name=op.f('ck_assessment_total_range')),
    sa.CheckConstraint('year BETWEEN 2013 AND 2100', name=op.f('ck_assessment_year_range')),
    sa.ForeignKeyConstraint(['operator_id'], ['operator.id'], name=op.f('fk_assessment_operator_id_operator')),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_assessment_organization_id_organization')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment')),
    sa.UniqueConstraint('organization_id', 'year', name=op.f('uq_assessment_organization_id_year'))
    )
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_operator_id'), ['operator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assessment_year'), ['year'], unique=False)
        batch_op.create_index('ix_assessment_year_org', ['year', 'organization_id'], unique=False)

    op.create_table('improvement_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('approved_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessment.id'], name=op.f('fk_improvement_plan_assessment_id_assessment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_improvement_plan_organization_id_organization')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_improvement_plan')),
    sa.UniqueConstraint('assessment_id', name=op.f('uq_improvement_plan_assessment_id'))
    )
    with op.batch_alter_table('improvement_plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_improvement_plan_organization_id'), ['organization_id'], unique=False)

    op.create_table('indicator_value',
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.CheckConstraint("code IN ('p_inf', 'p_dist', 'p_otkr_ud', 'p_komf_usl', 'p_ozhid', 'p_komf_ud', 'p_org_dost', 'p_uslug_dost', 'p_dost_ud', 'p_perv_kont_ud', 'p_okaz_uslug_ud', 'p_vezhl_dist_ud', 'p_rekom', 'p_org_usl_ud', 'p_ud')", name=op.f('ck_indicator_value_code_known')),
    sa.CheckConstraint('value >= 0 AND value <= 100', name=op.f('ck_indicator_value_value_range')),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessment.id'], name=op.f('fk_indicator_value_assessment_id_assessment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('assessment_id', 'code', name=op.f('pk_indicator_value'))
    )
    with op.batch_alter_table('indicator_value', schema=None) as batch_op:
        batch_op.create_index('ix_indicator_value_code', ['code'], unique=False)

    op.create_table('shortcoming',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('criterion', sa.String(length=2), nullable=False),
    sa.Column('indicator', sa.String(length=20), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.CheckConstraint("criterion IN ('k1', 'k2', 'k3', 'k4', 'k5')", name=op.f('ck_shortcoming_criterion_known')),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessment.id'], name=op.f('fk_shortcoming_assessment_id_assessment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shortcoming'))
    )
    with op.batch_alter_table('shortcoming', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shortcoming_assessment_id'), ['assessment_id'], unique=False)

    op.create_table('plan_measure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('criterion', sa.String(length=2), nullable=False),
    sa.Column('shortcoming', sa.Text(), nullable=False),
    sa.Column('measure', sa.Text(), nullable=False),
    sa.Column('planned_date', sa.Date(), nullable=False),
    sa.Column('responsible_name', sa.String(length=200), nullable=False),
    sa.Column('responsible_position', sa.String(length=300), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('taken', sa.Text(), nullable=True),
    sa.Column('actual_date', sa.Date(), nullable=True),
    sa.Column('cancel_reason', sa.Text(), nullable=True),
    sa.CheckConstraint("criterion IN ('k1', 'k2', 'k3', 'k4', 'k5')", name=op.f('ck_plan_measure_criterion_known')),
    sa.CheckConstraint("status <> 'done' OR actual_date IS NOT NULL", name=op.f('ck_plan_measure_done_has_date')),
    sa.CheckConstraint("status IN ('done', 'in_progress', 'overdue', 'cancelled')", name=op.f('ck_plan_measure_status_known')),
    sa.ForeignKeyConstraint(['plan_id'], ['improvement_plan.id'], name=op.f('fk_plan_measure_plan_id_improvement_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_measure'))
    )
    with op.batch_alter_table('plan_measure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_measure_criterion'), ['criterion'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_measure_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_measure_planned_date'), ['planned_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_measure_status'), ['status'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('plan_measure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_measure_status'))
        batch_op.drop_index(batch_op.f('ix_plan_measure_planned_date'))
        batch_op.drop_index(batch_op.f('ix_plan_measure_plan_id'))
        batch_op.drop_index(batch_op.f('ix_plan_measure_criterion'))

    op.drop_table('plan_measure')
    with op.batch_alter_table('shortcoming', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_shortcoming_assessment_id'))

    op.drop_table('shortcoming')
    with op.batch_alter_table('indicator_value', schema=None) as batch_op:
        batch_op.drop_index('ix_indicator_value_code')

    op.drop_table('indicator_value')
    with op.batch_alter_table('improvement_plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_improvement_plan_organization_id'))

    op.drop_table('improvement_plan')
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_index('ix_assessment_year_org')
        batch_op.drop_index(batch_op.f('ix_assessment_year'))
        batch_op.drop_index(batch_op.f('ix_assessment_operator_id'))

    op.drop_table('assessment')
    with op.batch_alter_table('organization', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organization_sector'))
        batch_op.drop_index(batch_op.f('ix_organization_region_id'))
        batch_op.drop_index(batch_op.f('ix_organization_municipality_id'))
        batch_op.drop_index(batch_op.f('ix_organization_founder_level'))

    op.drop_table('organization')
    op.drop_table('boundary')
    with op.batch_alter_table('recommendation_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recommendation_report_status'))
        batch_op.drop_index(batch_op.f('ix_recommendation_report_sector'))
        batch_op.drop_index(batch_op.f('ix_recommendation_report_region_id'))
        batch_op.drop_index(batch_op.f('ix_recommendation_report_recommendation_id'))

    op.drop_table('recommendation_report')
    with op.batch_alter_table('municipality', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_municipality_region_id'))

    op.drop_table('municipality')
    with op.batch_alter_table('milestone', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_milestone_year'))
        batch_op.drop_index(batch_op.f('ix_milestone_region_id'))

    op.drop_table('milestone')
    with op.batch_alter_table('coverage_plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_coverage_plan_year'))
        batch_op.drop_index(batch_op.f('ix_coverage_plan_sector'))
        batch_op.drop_index(batch_op.f('ix_coverage_plan_region_id'))

    op.drop_table('coverage_plan')
    op.drop_table('app_user')
    op.drop_table('sector')
    op.drop_table('region')
    op.drop_table('recommendation')
    op.drop_table('operator')
    op.drop_table('import_batch')
