"""open consultations: a partial index of the open steps of other agencies than the dossier's, by
due instant, so that a resolving agency's supervision page lists what it waits on without reading
every step

Revision ID: d3f7b9e1a5c2
Revises: c8e2a4f6b0d9
Create Date: 2026-11-28 12:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd3f7b9e1a5c2'
down_revision = 'c8e2a4f6b0d9'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_open_tasks_consulted_open', 'open_tasks', ['due_at'], unique=False,
                    postgresql_where=sa.text("consulted = true AND closed_at IS NULL"),
                    sqlite_where=sa.text("consulted = 1 AND closed_at IS NULL"))


def downgrade():
    op.drop_index('ix_open_tasks_consulted_open', table_name='open_tasks')
