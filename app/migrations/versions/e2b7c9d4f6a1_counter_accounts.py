"""counter accounts: who opened a citizen's account at the one-stop desk

Revision ID: e2b7c9d4f6a1
Revises: d8a3c5e7f901
Create Date: 2026-11-26 05:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e2b7c9d4f6a1'
down_revision = 'd8a3c5e7f901'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('created_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_users_created_by_id_users'), 'users', ['created_by_id'], ['id'])


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_users_created_by_id_users'), type_='foreignkey')
        batch_op.drop_column('created_by_id')
