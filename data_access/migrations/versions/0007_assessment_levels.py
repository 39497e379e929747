"""results at the level they come in: official figures shown, computed ones kept as the check;
the subject's kind; criteria counts in region_total

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 19:40:00

- region.kind (krai, oblast, republic, okrug, city) from the subject's name;
- assessment.level (indicators, criteria, total), computed_k1…computed_total (the computation
  from the indicators, so far kept in k1…total), published_rounding; К1–К5 and the
  respondents become optional; k1…total become the official figures: the published ones where
  a file gave them;
- region_total.k1_n…k5_n: the assessments with each criterion;
- region_sector: each sector's founder ministry in a subject.
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

CRITERIA = ('k1', 'k2', 'k3', 'k4', 'k5')
SCORES = (*CRITERIA, 'total')
LEVELS = "level IN ('indicators', 'criteria', 'total')"
KINDS = "kind IN ('krai', 'oblast', 'republic', 'okrug', 'city')"


def _kind(code: str, name: str) -> str:
    # Frozen here (not imported from the app) so that the migration never changes.
    lowered = name.casefold()
    if code in ('77', '78', '92') or lowered in ('москва', 'санкт-петербург', 'севастополь'):
        return 'city'
    for word, kind in (('край', 'krai'), ('област', 'oblast'), ('округ', 'okrug'),
                       ('республик', 'republic')):
        if word in lowered:
            return kind
    return 'oblast'


def upgrade() -> None:
    bind = op.get_bind()
    op.add_column('region', sa.Column('kind', sa.String(length=20), nullable=False,
                                      server_default='krai'))
    for code, name in bind.execute(sa.text('SELECT code, name FROM region')).all():
        bind.execute(sa.text('UPDATE region SET kind = :kind WHERE code = :code'),
                     {'kind': _kind(code, name), 'code': code})
    with op.batch_alter_table('region') as batch:
        batch.create_check_constraint(op.f('ck_region_kind_known'), KINDS)

    op.add_column('assessment', sa.Column('level', sa.String(length=20), nullable=False,
                                          server_default='indicators'))
    op.add_column('assessment', sa.Column('published_rounding', sa.Float(), nullable=True))
    for name in SCORES:
        op.add_column('assessment', sa.Column(f'computed_{name}', sa.Float(), nullable=True))
    # So far every assessment came with its indicators and k1…total were computed from them.
    bind.execute(sa.text(
        'UPDATE assessment SET '
        + ', '.join(f'computed_{c} = {c}' for c in SCORES) + ', '
        + ', '.join(f'{c} = COALESCE(published_{c}, {c})' for c in SCORES)))
    bind.execute(sa.text(
        "UPDATE assessment SET level = 'criteria' WHERE NOT EXISTS (SELECT 1 FROM "
        "indicator_value v WHERE v.assessment_id = assessment.id)"))
    with op.batch_alter_table('assessment') as batch:
        for name in (*CRITERIA, 'respondents'):
            batch.alter_column(name, existing_type=sa.Float() if name != 'respondents'
                               else sa.Integer(), nullable=True)
        batch.create_check_constraint(op.f('ck_assessment_level_known'), LEVELS)

    op.create_table(
        'region_sector',
        sa.Column('region_id', sa.Integer(), nullable=False),
        sa.Column('sector', sa.String(length=20), nullable=False),
        sa.Column('ministry', sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(['region_id'], ['region.id'], ondelete='CASCADE',
                                name=op.f('fk_region_sector_region_id_region')),
        sa.ForeignKeyConstraint(['sector'], ['sector.code'],
                                name=op.f('fk_region_sector_sector_sector')),
        sa.PrimaryKeyConstraint('region_id', 'sector', name=op.f('pk_region_sector')),
    )
    for name in CRITERIA:
        op.add_column('region_total', sa.Column(f'{name}_n', sa.Integer(), nullable=False,
                                                server_default='0'))
    # Databases filled before: compute the table from their data (see 0006).
    from data_access import region_totals
    region_totals.refresh(bind)


def downgrade() -> None:
    op.drop_table('region_sector')
    with op.batch_alter_table('region_total') as batch:
        for name in CRITERIA:
            batch.drop_column(f'{name}_n')
    bind = op.get_bind()
    bind.execute(sa.text('DELETE FROM assessment WHERE computed_total IS NULL'))
    bind.execute(sa.text('UPDATE assessment SET '
                         + ', '.join(f'{c} = computed_{c}' for c in SCORES)))
    with op.batch_alter_table('assessment') as batch:
        batch.drop_constraint(op.f('ck_assessment_level_known'), type_='check')
        for name in (*CRITERIA, 'respondents'):
            batch.alter_column(name, existing_type=sa.Float() if name != 'respondents'
                               else sa.Integer(), nullable=False)
        for name in ('level', 'published_rounding', *(f'computed_{c}' for c in SCORES)):
            batch.drop_column(name)
    with op.batch_alter_table('region') as batch:
        batch.drop_constraint(op.f('ck_region_kind_known'), type_='check')
        batch.drop_column('kind')
