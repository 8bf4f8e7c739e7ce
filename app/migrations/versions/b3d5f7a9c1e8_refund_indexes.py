"""refund indexes: the payments still owed back (a partial index) and the refunds of a day

Revision ID: b3d5f7a9c1e8
Revises: f6b2d8a4c0e9
Create Date: 2026-11-26 17:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b3d5f7a9c1e8'
down_revision = 'f6b2d8a4c0e9'
branch_labels = None
depends_on = None

REFUND_DUE = sa.text("state = 'refund_due'")


def upgrade():
    op.create_index('ix_payments_refund_due', 'payments', ['paid_at'], unique=False,
                    postgresql_where=REFUND_DUE, sqlite_where=REFUND_DUE)
    op.create_index('ix_payments_refunded_at', 'payments', ['refunded_at'], unique=False)


def downgrade():
    op.drop_index('ix_payments_refunded_at', table_name='payments')
    op.drop_index('ix_payments_refund_due', table_name='payments', postgresql_where=REFUND_DUE,
                  sqlite_where=REFUND_DUE)
