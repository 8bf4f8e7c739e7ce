"""open task status: a step's row carries its dossier's status (the inbox shows and filters by it),
kept when the status changes with the step still open; rows opened before held the status the step
was opened with

Revision ID: c4e8a2f6d0b3
Revises: b1f5d9c3e7a2
Create Date: 2026-11-27 18:20:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'c4e8a2f6d0b3'
down_revision = 'b1f5d9c3e7a2'
branch_labels = None
depends_on = None


def upgrade():
    op.execute("UPDATE open_tasks SET status = (SELECT dossiers.status FROM dossiers "
               "WHERE dossiers.id = open_tasks.dossier_id) WHERE closed_at IS NULL")


def downgrade():
    pass  # the dossier's status is as true a value for the row as the one it replaced
