"""fees: the amount a dossier waits for, and payments with their signed receipts

Revision ID: d5f1b3a7c9e2
Revises: c2e6a8f0b4d7
Create Date: 2026-11-26 11:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd5f1b3a7c9e2'
down_revision = 'c2e6a8f0b4d7'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('dossiers') as batch:
        batch.add_column(sa.Column('amount_due', sa.BigInteger(), nullable=True))
    op.create_table(
        'payments',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('dossier_id', sa.Integer(), nullable=False),
        sa.Column('number', sa.SmallInteger(), nullable=False),
        sa.Column('txn_ref', sa.String(length=40), nullable=False),
        sa.Column('amount', sa.BigInteger(), nullable=False),
        sa.Column('method', sa.String(length=16), nullable=False),
        sa.Column('state', sa.String(length=16), nullable=False),
        sa.Column('gateway_code', sa.String(length=8), nullable=True),
        sa.Column('transaction_no', sa.String(length=40), nullable=True),
        sa.Column('bank_code', sa.String(length=20), nullable=True),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('paid_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('receipt_code', sa.String(length=48), nullable=True),
        sa.Column('receipt_file_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], ),
        sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], ),
        sa.ForeignKeyConstraint(['receipt_file_id'], ['dossier_files.id'], ),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('dossier_id', 'number'),
        sa.UniqueConstraint('receipt_code'),
        sa.UniqueConstraint('txn_ref'),
    )
    op.create_index(op.f('ix_payments_dossier_id'), 'payments', ['dossier_id'], unique=False)
    op.create_index('ix_payments_paid_at', 'payments', ['paid_at'], unique=False)


def downgrade():
    op.drop_index('ix_payments_paid_at', table_name='payments')
    op.drop_index(op.f('ix_payments_dossier_id'), table_name='payments')
    op.drop_table('payments')
    with op.batch_alter_table('dossiers') as batch:
        batch.drop_column('amount_due')
