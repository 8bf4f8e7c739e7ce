"""consulted steps: open_tasks.consulted marks a step of another agency than the dossier's, and a
partial index of those steps by agency and opening replaces the index of every step by agency, which made an
agency's own search read all its steps

Revision ID: b1f5d9c3e7a2
Revises: a9e3c7b1d5f8
Create Date: 2026-11-27 13:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b1f5d9c3e7a2'
down_revision = 'a9e3c7b1d5f8'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('open_tasks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('consulted', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.execute("UPDATE open_tasks SET consulted = (agency_id <> "
               "(SELECT dossiers.agency_id FROM dossiers WHERE dossiers.id = open_tasks.dossier_id))")
    op.drop_index('ix_open_tasks_agency_dossier', table_name='open_tasks')
    op.create_index('ix_open_tasks_consulted', 'open_tasks', ['agency_id', 'opened_at'], unique=False,
                    postgresql_where=sa.text("consulted = true"), sqlite_where=sa.text("consulted = 1"))


def downgrade():
    op.drop_index('ix_open_tasks_consulted', table_name='open_tasks')
    op.create_index('ix_open_tasks_agency_dossier', 'open_tasks', ['agency_id', 'dossier_id'], unique=False)
    with op.batch_alter_table('open_tasks', schema=None) as batch_op:
        batch_op.drop_column('consulted')
