"""payments: who refunded money that arrived for a dossier no longer waiting for it, and when

Revision ID: e7a9c1d3f5b6
Revises: d5f1b3a7c9e2
Create Date: 2026-11-26 12:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e7a9c1d3f5b6'
down_revision = 'd5f1b3a7c9e2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('payments') as batch:
        batch.add_column(sa.Column('refunded_at', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('refunded_by_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('refund_note', sa.String(length=255), nullable=True))
        batch.create_foreign_key('fk_payments_refunded_by_id_users', 'users', ['refunded_by_id'], ['id'])


def downgrade():
    with op.batch_alter_table('payments') as batch:
        batch.drop_constraint('fk_payments_refunded_by_id_users', type_='foreignkey')
        batch.drop_column('refund_note')
        batch.drop_column('refunded_by_id')
        batch.drop_column('refunded_at')
