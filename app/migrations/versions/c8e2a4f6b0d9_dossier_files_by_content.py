"""dossier files by content: an index of the files' SHA-256, so that the verification page finds
a document the system signed (a result, a fee receipt) from the bytes uploaded to it

Revision ID: c8e2a4f6b0d9
Revises: b5d7f9a1c3e6
Create Date: 2026-11-28 16:00:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'c8e2a4f6b0d9'
down_revision = 'b5d7f9a1c3e6'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_dossier_files_sha256', 'dossier_files', ['sha256'])


def downgrade():
    op.drop_index('ix_dossier_files_sha256', table_name='dossier_files')
