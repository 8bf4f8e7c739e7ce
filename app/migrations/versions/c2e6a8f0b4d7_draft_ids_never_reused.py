"""drafts: ids never reused on SQLite (AUTOINCREMENT), as a draft's id keys its submission

Revision ID: c2e6a8f0b4d7
Revises: b8d4f2a6c1e3
Create Date: 2026-11-26 10:00:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'c2e6a8f0b4d7'
down_revision = 'b8d4f2a6c1e3'
branch_labels = None
depends_on = None


def upgrade():
    # PostgreSQL's sequences never hand out an id twice; only SQLite's table needs rebuilding.
    if op.get_bind().dialect.name == 'sqlite':
        with op.batch_alter_table('drafts', recreate='always', table_kwargs={'sqlite_autoincrement': True}):
            pass


def downgrade():
    if op.get_bind().dialect.name == 'sqlite':
        with op.batch_alter_table('drafts', recreate='always', table_kwargs={'sqlite_autoincrement': False}):
            pass
