"""postal items: the postal item numbers a dossier's history records (arrival by post, a letter by
post, the result posted back), indexed, so that officers find a dossier by one; filled from the
events already written

Revision ID: b5d7f9a1c3e6
Revises: a1c3e5b7d9f2
Create Date: 2026-11-28 14:00:00

"""
import json

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b5d7f9a1c3e6'
down_revision = 'a1c3e5b7d9f2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'postal_items',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('dossier_id', sa.Integer(), nullable=False),
        sa.Column('number', sa.String(length=40), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name='fk_postal_items_dossier_id_dossiers'),
        sa.PrimaryKeyConstraint('id', name='pk_postal_items'),
    )
    op.create_index('ix_postal_items_number', 'postal_items', ['number'])
    # Only the events whose data names an item number are read (their JSON as text); each row's
    # instant is copied by the database itself, in the form it keeps instants in.
    bind = op.get_bind()
    events = bind.execute(sa.text(
        "SELECT id, data FROM dossier_events WHERE CAST(data AS TEXT) LIKE '%so_buu_gui%'")).all()
    for event_id, data in events:
        data = json.loads(data) if isinstance(data, str) else data
        value = data.get("so_buu_gui") if isinstance(data, dict) else None
        number = "".join(value.split()).upper()[:40] if isinstance(value, str) else ""
        if number:
            bind.execute(sa.text("INSERT INTO postal_items (dossier_id, number, at) SELECT dossier_id, :number, at"
                                 " FROM dossier_events WHERE id = :id"), {"number": number, "id": event_id})

def downgrade():
    op.drop_index('ix_postal_items_number', table_name='postal_items')
    op.drop_table('postal_items')
