"""running versions: a partial index of unfinished dossiers by diagram version

Revision ID: a5c7e9f1d3b2
Revises: f3a8d1c6b2e4
Create Date: 2026-11-26 08:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a5c7e9f1d3b2'
down_revision = 'f3a8d1c6b2e4'
branch_labels = None
depends_on = None

RUNNING = sa.text('finished_at IS NULL')


def upgrade():
    op.create_index('ix_dossiers_running_version', 'dossiers', ['process_id', 'process_version'],
                    unique=False, postgresql_where=RUNNING, sqlite_where=RUNNING)


def downgrade():
    op.drop_index('ix_dossiers_running_version', table_name='dossiers',
                  postgresql_where=RUNNING, sqlite_where=RUNNING)
