"""drafts: a revision counted up at every save, so that a page opened before another tab's save
does not overwrite it unawares

Revision ID: a5e1c7d9f3b2
Revises: d3f7b9e1a5c2
Create Date: 2026-11-28 16:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a5e1c7d9f3b2'
down_revision = 'd3f7b9e1a5c2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('drafts') as batch:
        batch.add_column(sa.Column('revision', sa.Integer(), nullable=False, server_default='0'))


def downgrade():
    # Not a batch: SQLite would copy the table and drop the old one, which the foreign keys to it
    # refuse; both databases drop a column in place (SQLite since 3.35).
    op.execute("ALTER TABLE drafts DROP COLUMN revision")
