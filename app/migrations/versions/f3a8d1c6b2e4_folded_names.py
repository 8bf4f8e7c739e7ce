"""officers' search: dossiers.search_text, the applicant's and organisation's names folded

Revision ID: f3a8d1c6b2e4
Revises: e2b7c9d4f6a1
Create Date: 2026-11-26 06:00:00

"""
from alembic import op
import sqlalchemy as sa

from app.folding import fold


# revision identifiers, used by Alembic.
revision = 'f3a8d1c6b2e4'
down_revision = 'e2b7c9d4f6a1'
branch_labels = None
depends_on = None

BATCH = 2000


def upgrade():
    with op.batch_alter_table('dossiers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_text', sa.String(length=460), server_default='', nullable=False))
    dossiers = sa.table('dossiers', sa.column('id', sa.Integer), sa.column('applicant_name', sa.String),
                        sa.column('organisation_name', sa.String), sa.column('search_text', sa.String))
    bind = op.get_bind()
    last = 0
    while True:  # in batches, so a province's years of dossiers do not sit in memory at once
        rows = bind.execute(sa.select(dossiers.c.id, dossiers.c.applicant_name, dossiers.c.organisation_name)
                            .where(dossiers.c.id > last).order_by(dossiers.c.id).limit(BATCH)).all()
        if not rows:
            break
        bind.execute(dossiers.update().where(dossiers.c.id == sa.bindparam('row_id'))
                     .values(search_text=sa.bindparam('folded')),
                     [{'row_id': r.id, 'folded': fold(f"{r.applicant_name} {r.organisation_name or ''}")[:460]}
                      for r in rows])
        last = rows[-1].id


def downgrade():
    with op.batch_alter_table('dossiers', schema=None) as batch_op:
        batch_op.drop_column('search_text')
