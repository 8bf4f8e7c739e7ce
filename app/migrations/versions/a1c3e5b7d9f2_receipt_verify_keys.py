"""payments: the key a receipt's QR code carries, as a result's does (result_keys.py)

Revision ID: a1c3e5b7d9f2
Revises: e4a6c8b0d2f5
Create Date: 2026-11-28 12:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a1c3e5b7d9f2'
down_revision = 'e4a6c8b0d2f5'
branch_labels = None
depends_on = None


def upgrade():
    # Receipts issued before have none: their code shows only whether the paper is genuine.
    with op.batch_alter_table('payments') as batch:
        batch.add_column(sa.Column('verify_key', sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table('payments') as batch:
        batch.drop_column('verify_key')
