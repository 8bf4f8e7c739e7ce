"""officer workspace: task procedure and closer, officer position, supplement count, apology, file signatures, results

Revision ID: d8a3c5e7f901
Revises: c4d2f8a1b3e5
Create Date: 2026-11-26 00:30:08.658768

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd8a3c5e7f901'
down_revision = 'c4d2f8a1b3e5'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('dossier_results',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.SmallInteger(), nullable=False),
    sa.Column('code', sa.String(length=48), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('document_number', sa.String(length=64), nullable=True),
    sa.Column('file_id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('signed_by_id', sa.Integer(), nullable=False),
    sa.Column('signed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agencies.id'], name=op.f('fk_dossier_results_agency_id_agencies')),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_dossier_results_dossier_id_dossiers')),
    sa.ForeignKeyConstraint(['file_id'], ['dossier_files.id'], name=op.f('fk_dossier_results_file_id_dossier_files')),
    sa.ForeignKeyConstraint(['signed_by_id'], ['users.id'], name=op.f('fk_dossier_results_signed_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dossier_results')),
    sa.UniqueConstraint('code', name=op.f('uq_dossier_results_code')),
    sa.UniqueConstraint('dossier_id', 'number', name=op.f('uq_dossier_results_dossier_id'))
    )
    with op.batch_alter_table('dossier_files', schema=None) as batch_op:
        batch_op.add_column(sa.Column('signature', sa.JSON(), nullable=True))

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('position', sa.String(length=100), nullable=True))

    with op.batch_alter_table('dossiers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('supplement_count', sa.SmallInteger(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('apologized_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index('ix_dossiers_agency_received', ['agency_id', 'received_at'], unique=False)

    with op.batch_alter_table('open_tasks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('procedure_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('closed_by_id', sa.Integer(), nullable=True))
    # Task rows already there take their dossier's procedure; then the column is required.
    op.execute("UPDATE open_tasks SET procedure_id = "
               "(SELECT procedure_id FROM dossiers WHERE dossiers.id = open_tasks.dossier_id)")
    with op.batch_alter_table('open_tasks', schema=None) as batch_op:
        batch_op.alter_column('procedure_id', existing_type=sa.Integer(), nullable=False)
        batch_op.create_index('ix_open_tasks_unclaimed', ['role', 'agency_id', 'claimed_by_id', 'due_at'], unique=False, postgresql_where=sa.text('closed_at IS NULL'), sqlite_where=sa.text('closed_at IS NULL'))
        batch_op.create_foreign_key(batch_op.f('fk_open_tasks_closed_by_id_users'), 'users', ['closed_by_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_open_tasks_procedure_id_procedures'), 'procedures', ['procedure_id'], ['id'])

    if op.get_bind().dialect.name == "postgresql":
        # Searching by the start of a code ("000.00.12.H99-2611"): under a collation other than C,
        # LIKE 'x%' can use a b-tree only with pattern operators (app/db.py MIGRATION_ONLY).
        op.execute("CREATE INDEX ix_dossiers_code_pattern ON dossiers (code varchar_pattern_ops)")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_dossiers_code_pattern")
    with op.batch_alter_table('open_tasks', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_open_tasks_procedure_id_procedures'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_open_tasks_closed_by_id_users'), type_='foreignkey')
        batch_op.drop_index('ix_open_tasks_unclaimed', postgresql_where=sa.text('closed_at IS NULL'), sqlite_where=sa.text('closed_at IS NULL'))
        batch_op.drop_column('closed_by_id')
        batch_op.drop_column('procedure_id')

    with op.batch_alter_table('dossiers', schema=None) as batch_op:
        batch_op.drop_index('ix_dossiers_agency_received')
        batch_op.drop_column('apologized_at')
        batch_op.drop_column('supplement_count')

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('position')

    with op.batch_alter_table('dossier_files', schema=None) as batch_op:
        batch_op.drop_column('signature')

    op.drop_table('dossier_results')

