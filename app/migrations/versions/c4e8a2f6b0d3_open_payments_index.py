"""open payments: a partial index of the online attempts the gateway has not decided, by start

Revision ID: c4e8a2f6b0d3
Revises: b3d5f7a9c1e8
Create Date: 2026-11-26 19:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c4e8a2f6b0d3'
down_revision = 'b3d5f7a9c1e8'
branch_labels = None
depends_on = None

OPEN_STATES = sa.text("state IN ('pending', 'review')")


def upgrade():
    op.create_index('ix_payments_open', 'payments', ['created_at'], unique=False,
                    postgresql_where=OPEN_STATES, sqlite_where=OPEN_STATES)


def downgrade():
    op.drop_index('ix_payments_open', table_name='payments', postgresql_where=OPEN_STATES,
                  sqlite_where=OPEN_STATES)
