"""identity papers: a citizen account holds a CCCD or a passport (with the nationality), unique
per kind; what the one-stop desk corrected in an account it opened at the counter

Revision ID: f6b2d8a4c0e9
Revises: e7a9c1d3f5b6
Create Date: 2026-11-26 16:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f6b2d8a4c0e9'
down_revision = 'e7a9c1d3f5b6'
branch_labels = None
depends_on = None


def upgrade():
    # Every account so far holds a CCCD (or no number at all): the default says so.
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('id_kind', sa.String(length=16), server_default='cccd', nullable=False))
        batch_op.add_column(sa.Column('nationality', sa.String(length=100), nullable=True))
        batch_op.alter_column('id_number', existing_type=sa.String(length=12), type_=sa.String(length=20),
                              existing_nullable=True)
        batch_op.drop_constraint('uq_users_id_number', type_='unique')
        batch_op.create_unique_constraint('uq_users_id_number_kind', ['id_number', 'id_kind'])

    op.create_table('account_corrections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_account_corrections_actor_id_users')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_account_corrections_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_account_corrections'))
    )
    with op.batch_alter_table('account_corrections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_account_corrections_user_id'), ['user_id'], unique=False)


def downgrade():
    # Only possible while no passport number is stored: a CCCD column cannot hold one.
    with op.batch_alter_table('account_corrections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_account_corrections_user_id'))
    op.drop_table('account_corrections')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint('uq_users_id_number_kind', type_='unique')
        batch_op.create_unique_constraint('uq_users_id_number', ['id_number'])
        batch_op.alter_column('id_number', existing_type=sa.String(length=20), type_=sa.String(length=12),
                              existing_nullable=True)
        batch_op.drop_column('nationality')
        batch_op.drop_column('id_kind')
