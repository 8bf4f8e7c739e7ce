"""consulted dossiers: an index of the tasks by agency and dossier, open and closed, so that a
consulted agency finds the dossiers it has or had a step of without a scan

Revision ID: a9e3c7b1d5f8
Revises: c4e8a2f6b0d3
Create Date: 2026-11-27 12:30:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'a9e3c7b1d5f8'
down_revision = 'c4e8a2f6b0d3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_open_tasks_agency_dossier', 'open_tasks', ['agency_id', 'dossier_id'], unique=False)


def downgrade():
    op.drop_index('ix_open_tasks_agency_dossier', table_name='open_tasks')
