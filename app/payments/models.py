from __future__ import annotations

from ..db import UTCDateTime, db

REFUND_DUE = "state = 'refund_due'"  # the partial index's condition, in the migration too
# ledger.OPEN and SUPERSEDED (ledger.undecided: the reconciliation asks about these), as the
# partial index says it; in its migration too.
OPEN_STATES = "state IN ('pending', 'review', 'superseded')"


class Payment(db.Model):
    """One attempt to pay a dossier's fee: online (a transaction at the payment gateway, pending
    until the gateway confirms it) or taken by the desk (counter or post, paid at once). A paid
    one has its signed receipt (`<dossier code>-BL<n>`), kept as the dossier's "BL" file."""
    __tablename__ = "payments"
    __table_args__ = (db.UniqueConstraint("dossier_id", "number"),
                      db.Index("ix_payments_paid_at", "paid_at"),  # the day's fees
                      db.Index("ix_payments_refunded_at", "refunded_at"),  # the day's refunds
                      # The refunds still owed (a handful among years of payments), oldest paid first.
                      db.Index("ix_payments_refund_due", "paid_at", postgresql_where=db.text(REFUND_DUE),
                               sqlite_where=db.text(REFUND_DUE)),
                      # The online attempts the gateway has not decided yet (a handful at any time):
                      # the reconciliation job's and the day's fees page's, by when they started.
                      db.Index("ix_payments_open", "created_at", postgresql_where=db.text(OPEN_STATES),
                               sqlite_where=db.text(OPEN_STATES)))

    id = db.Column(db.Integer, primary_key=True)
    dossier_id = db.Column(db.Integer, db.ForeignKey("dossiers.id"), nullable=False, index=True)
    number = db.Column(db.SmallInteger, nullable=False)  # the dossier's n-th attempt
    txn_ref = db.Column(db.String(40), nullable=False, unique=True)  # our reference at the gateway
    amount = db.Column(db.BigInteger, nullable=False)  # đồng (land fees reach billions)
    method = db.Column(db.String(16), nullable=False)  # online | counter | postal
    # pending | review (the bank holds it) | paid | failed | refund_due | refunded | superseded
    # (a pending online attempt replaced by a later one; refused by the IPN, owed back if taken)
    state = db.Column(db.String(16), nullable=False, default="pending")
    gateway_code = db.Column(db.String(8))  # the gateway's response code
    transaction_no = db.Column(db.String(40))  # the gateway's transaction number
    bank_code = db.Column(db.String(20))
    created_by_id = db.Column(db.Integer, db.ForeignKey("users.id"))
    created_at = db.Column(UTCDateTime, nullable=False)
    paid_at = db.Column(UTCDateTime)
    # Money that came for a dossier no longer waiting for it, given back (state "refunded").
    refunded_at = db.Column(UTCDateTime)
    refunded_by_id = db.Column(db.Integer, db.ForeignKey("users.id"))
    refund_note = db.Column(db.String(255))  # how it was given back (cash, bank transfer, the gateway)
    receipt_code = db.Column(db.String(48), unique=True)
    receipt_file_id = db.Column(db.Integer, db.ForeignKey("dossier_files.id"))
    # What the receipt's QR code carries besides its code (dossiers/result_keys.py): the record
    # behind a guessable code is shown only with it. None for receipts issued before keys existed.
    verify_key = db.Column(db.String(64))

    dossier = db.relationship("Dossier")
    created_by = db.relationship("User", foreign_keys=[created_by_id])
    refunded_by = db.relationship("User", foreign_keys=[refunded_by_id])
