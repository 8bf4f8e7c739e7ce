"""drafts: one per citizen and procedure (a unique index), so two tabs opening the apply page at
once start one draft; duplicates already there are removed, the most recently saved kept

Revision ID: e4a6c8b0d2f5
Revises: d9b4f6a8c2e1
Create Date: 2026-12-02 10:00:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'e4a6c8b0d2f5'
down_revision = 'd9b4f6a8c2e1'
branch_labels = None
depends_on = None


def upgrade():
    # A citizen with two drafts of one procedure (opened in two tabs at once) keeps the one saved
    # last (the later id when saved at the same instant): the page only ever showed that one.
    op.execute(
        "DELETE FROM drafts WHERE EXISTS (SELECT 1 FROM drafts AS newer"
        " WHERE newer.owner_id = drafts.owner_id AND newer.procedure_id = drafts.procedure_id"
        " AND (newer.updated_at > drafts.updated_at"
        " OR (newer.updated_at = drafts.updated_at AND newer.id > drafts.id)))")
    op.create_index('ix_drafts_owner_procedure', 'drafts', ['owner_id', 'procedure_id'], unique=True)


def downgrade():
    op.drop_index('ix_drafts_owner_procedure', table_name='drafts')
