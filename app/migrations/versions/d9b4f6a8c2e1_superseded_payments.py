"""payments: an online attempt superseded by a later one stays in the partial index of attempts the
gateway has not decided, as the reconciliation keeps asking about it

Revision ID: d9b4f6a8c2e1
Revises: c4e8a2f6d0b3
Create Date: 2026-12-01 10:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd9b4f6a8c2e1'
down_revision = 'c4e8a2f6d0b3'
branch_labels = None
depends_on = None

BEFORE = sa.text("state IN ('pending', 'review')")
AFTER = sa.text("state IN ('pending', 'review', 'superseded')")


def _replace(old, new):
    op.drop_index('ix_payments_open', table_name='payments', postgresql_where=old, sqlite_where=old)
    op.create_index('ix_payments_open', 'payments', ['created_at'], unique=False,
                    postgresql_where=new, sqlite_where=new)


def upgrade():
    _replace(BEFORE, AFTER)


def downgrade():
    # A superseded attempt was a pending one before this revision.
    op.execute("UPDATE payments SET state = 'pending' WHERE state = 'superseded' AND gateway_code IS NULL")
    op.execute("UPDATE payments SET state = 'failed' WHERE state = 'superseded'")
    _replace(AFTER, BEFORE)
