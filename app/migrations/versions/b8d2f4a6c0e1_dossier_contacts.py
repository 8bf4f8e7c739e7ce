"""dossiers: the applicant's address, phone and email as they were when the dossier was
submitted, so that a correction of the account changes no receipt or register already issued;
dossiers from before stay without (their documents print the account as it is now)

Revision ID: b8d2f4a6c0e1
Revises: a5e1c7d9f3b2
Create Date: 2026-11-28 17:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b8d2f4a6c0e1'
down_revision = 'a5e1c7d9f3b2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('dossiers') as batch:
        batch.add_column(sa.Column('applicant_contact', sa.JSON(), nullable=True))


def downgrade():
    # Not a batch: SQLite would copy the table and drop the old one, which the foreign keys to it
    # refuse; both databases drop a column in place (SQLite since 3.35).
    op.execute("ALTER TABLE dossiers DROP COLUMN applicant_contact")
