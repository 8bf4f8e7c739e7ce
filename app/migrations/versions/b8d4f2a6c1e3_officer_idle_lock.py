"""officer accounts: last login, and the lock of accounts nobody uses

Revision ID: b8d4f2a6c1e3
Revises: a5c7e9f1d3b2
Create Date: 2026-11-26 09:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b8d4f2a6c1e3'
down_revision = 'a5c7e9f1d3b2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users') as batch:
        batch.add_column(sa.Column('last_login_at', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('reactivated_at', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('idle_locked_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('users') as batch:
        batch.drop_column('idle_locked_at')
        batch.drop_column('reactivated_at')
        batch.drop_column('last_login_at')
