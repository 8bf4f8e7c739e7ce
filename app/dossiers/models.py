from __future__ import annotations

from sqlalchemy.orm import deferred

from ..db import UTCDateTime, db, utcnow
from ..folding import fold

CHANNELS = ("online", "counter", "postal")


class Dossier(db.Model):
    """A dossier (hồ sơ): the citizen's application and its process instance."""
    __tablename__ = "dossiers"
    __table_args__ = (
        db.UniqueConstraint("owner_id", "submission_key"),
        db.Index("ix_dossiers_next_timer_at", "next_timer_at"),
        db.Index("ix_dossiers_owner_submitted", "owner_id", "submitted_at"),
        db.Index("ix_dossiers_agency_received", "agency_id", "received_at"),  # the register, Mẫu 06
        # The administrator's procedures pages count the running dossiers of each diagram version.
        db.Index("ix_dossiers_running_version", "process_id", "process_version",
                 postgresql_where=db.text("finished_at IS NULL"), sqlite_where=db.text("finished_at IS NULL")),
    )

    id = db.Column(db.Integer, primary_key=True)
    code = db.Column(db.String(40), unique=True)  # issued on acceptance, Circular 01/2018 Điều 19
    owner_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=False)
    procedure_id = db.Column(db.Integer, db.ForeignKey("procedures.id"), nullable=False, index=True)
    agency_id = db.Column(db.Integer, db.ForeignKey("agencies.id"), nullable=False, index=True)
    applicant_name = db.Column(db.String(200), nullable=False)
    organisation_name = db.Column(db.String(255))
    # The two names folded (no accents, no case: search_text()), what officers' searches match.
    search_text = db.Column(db.String(460), nullable=False, default="", server_default="")
    # Who the account applied for: {"kind": "self" | "person" | "organisation", ...}
    representation = db.Column(db.JSON)
    # The account's address, phone and email when the dossier was submitted, as its documents
    # print them: a later correction of the account changes no receipt already issued. None on
    # dossiers from before it was kept (the account's, as it is now: `contact`).
    applicant_contact = db.Column(db.JSON)
    channel = db.Column(db.String(16), nullable=False, default="online")
    status = db.Column(db.SmallInteger, nullable=False, default=1, index=True)
    late = db.Column(db.Boolean, nullable=False, default=False)
    submitted_at = db.Column(UTCDateTime, nullable=False)
    counts_from = db.Column(UTCDateTime, nullable=False)  # official start: next working period
    reception_due_at = db.Column(UTCDateTime)
    received_at = db.Column(UTCDateTime)
    due_at = db.Column(UTCDateTime)
    finished_at = db.Column(UTCDateTime)
    # Supplement requests so far: the law asks for everything at once, so a second one needs a
    # recorded justification. The apology (Mẫu 04) may move the due instant once.
    supplement_count = db.Column(db.SmallInteger, nullable=False, default=0, server_default="0")
    apologized_at = db.Column(UTCDateTime)
    # What the applicant must pay while the process waits for the fee (status 6), in đồng.
    amount_due = db.Column(db.BigInteger)
    form_data = db.Column(db.JSON, nullable=False, default=dict)
    submission_key = db.Column(db.String(64), nullable=False)
    process_id = db.Column(db.String(128), nullable=False)
    process_version = db.Column(db.String(32), nullable=False)
    # Read only by transitions (which undefer it); lists and pages never load it.
    workflow_state = deferred(db.Column(db.Text, nullable=False))
    waiting_messages = db.Column(db.JSON, nullable=False, default=list)
    next_timer_at = db.Column(UTCDateTime)
    version = db.Column(db.Integer, nullable=False, default=1)  # bumped by every transition
    created_at = db.Column(UTCDateTime, nullable=False, default=utcnow)
    updated_at = db.Column(UTCDateTime, nullable=False, default=utcnow)

    owner = db.relationship("User")
    procedure = db.relationship("Procedure")
    agency = db.relationship("Agency")
    files = db.relationship("DossierFile", order_by="DossierFile.id")

    @property
    def contact(self) -> dict[str, str]:
        """The applicant's address, phone and email as this dossier's documents print them."""
        return self.applicant_contact or contact_of(self.owner)  # kept whole (contact_of) at submission


class DossierFile(db.Model):
    __tablename__ = "dossier_files"

    id = db.Column(db.Integer, primary_key=True)
    dossier_id = db.Column(db.Integer, db.ForeignKey("dossiers.id"), nullable=False, index=True)
    component_code = db.Column(db.String(64), nullable=False)
    file_name = db.Column(db.String(255), nullable=False)
    content_type = db.Column(db.String(100), nullable=False)
    size = db.Column(db.Integer, nullable=False)
    sha256 = db.Column(db.String(64), nullable=False, index=True)  # a signed document found by its bytes
    storage_key = db.Column(db.String(255), nullable=False)
    uploaded_by_id = db.Column(db.Integer, db.ForeignKey("users.id"))
    uploaded_at = db.Column(UTCDateTime, nullable=False, default=utcnow)
    superseded = db.Column(db.Boolean, nullable=False, default=False)  # replaced by a supplement
    # Which message or step brought the file in: "submission", "supplement:<event id>"...
    source = db.Column(db.String(64), nullable=False, default="submission")
    # For a PDF carrying signatures, what verifying them said when it arrived (signer, validity).
    signature = db.Column(db.JSON)

    uploaded_by = db.relationship("User")


class DossierEvent(db.Model):
    """The append-only history of a dossier: never updated, never deleted."""
    __tablename__ = "dossier_events"

    id = db.Column(db.Integer, primary_key=True)
    dossier_id = db.Column(db.Integer, db.ForeignKey("dossiers.id"), nullable=False, index=True)
    at = db.Column(UTCDateTime, nullable=False)
    kind = db.Column(db.String(32), nullable=False)
    actor_id = db.Column(db.Integer, db.ForeignKey("users.id"))
    agency_id = db.Column(db.Integer, db.ForeignKey("agencies.id"))
    node_id = db.Column(db.String(128))
    node_name = db.Column(db.String(255))
    status_before = db.Column(db.SmallInteger)
    status_after = db.Column(db.SmallInteger)
    due_at = db.Column(UTCDateTime)
    summary = db.Column(db.String(500), nullable=False)
    data = db.Column(db.JSON)

    actor = db.relationship("User")
    agency = db.relationship("Agency")


class PostalItem(db.Model):
    """A postal item number (số hiệu bưu gửi) a dossier's history records: the dossier arriving by
    post, a letter for it by post, its result posted back. Officers find the dossier by it."""
    __tablename__ = "postal_items"

    id = db.Column(db.Integer, primary_key=True)
    dossier_id = db.Column(db.Integer, db.ForeignKey("dossiers.id"), nullable=False)
    number = db.Column(db.String(40), nullable=False, index=True)  # upper case, no spaces
    at = db.Column(UTCDateTime, nullable=False)


_OPEN_ONLY = db.text("closed_at IS NULL")


class OpenTask(db.Model):
    """Projection of a dossier's human tasks, updated by every transition; the inbox reads only
    this table. A task that closes keeps its row with `closed_at`, so acting on it later is
    answered "already done" (409) rather than "unknown" (404); the inbox indexes cover open rows."""
    __tablename__ = "open_tasks"
    __table_args__ = (
        db.Index("ix_open_tasks_inbox", "role", "agency_id", "due_at",
                 postgresql_where=_OPEN_ONLY, sqlite_where=_OPEN_ONLY),
        db.Index("ix_open_tasks_claimed", "claimed_by_id", "due_at",
                 postgresql_where=_OPEN_ONLY, sqlite_where=_OPEN_ONLY),
        db.Index("ix_open_tasks_unclaimed", "role", "agency_id", "claimed_by_id", "due_at",
                 postgresql_where=_OPEN_ONLY, sqlite_where=_OPEN_ONLY),
        # Open and closed, only the steps of another agency than the dossier's: the dossiers an
        # agency was consulted on (its search, newest first), few beside the agency's own steps.
        db.Index("ix_open_tasks_consulted", "agency_id", "opened_at",
                 postgresql_where=db.text("consulted = true"), sqlite_where=db.text("consulted = 1")),
        # The open steps of other agencies: what the resolving agencies wait on (consultations.py).
        db.Index("ix_open_tasks_consulted_open", "due_at",
                 postgresql_where=db.text("consulted = true AND closed_at IS NULL"),
                 sqlite_where=db.text("consulted = 1 AND closed_at IS NULL")),
    )

    id = db.Column(db.String(36), primary_key=True)  # the engine's task id
    dossier_id = db.Column(db.Integer, db.ForeignKey("dossiers.id"), nullable=False, index=True)
    procedure_id = db.Column(db.Integer, db.ForeignKey("procedures.id"), nullable=False)  # the inbox filter
    node_id = db.Column(db.String(128), nullable=False)
    name = db.Column(db.String(255), nullable=False)
    role = db.Column(db.String(16), nullable=False)
    agency_id = db.Column(db.Integer, db.ForeignKey("agencies.id"), nullable=False)
    form = db.Column(db.String(255))
    ui_form = db.Column(db.String(255))
    status = db.Column(db.SmallInteger)
    due_at = db.Column(UTCDateTime)
    opened_at = db.Column(UTCDateTime, nullable=False)
    claimed_by_id = db.Column(db.Integer, db.ForeignKey("users.id"))
    claimed_at = db.Column(UTCDateTime)
    closed_at = db.Column(UTCDateTime)
    closed_by_id = db.Column(db.ForeignKey("users.id"))  # who completed it; none for a timer or message
    # Another agency's step than the dossier's (liên thông): that agency may open and find the dossier.
    consulted = db.Column(db.Boolean, nullable=False, default=False, server_default=db.false())

    dossier = db.relationship("Dossier")
    procedure = db.relationship("Procedure")
    agency = db.relationship("Agency")
    claimed_by = db.relationship("User", foreign_keys=[claimed_by_id])
    closed_by = db.relationship("User", foreign_keys=[closed_by_id])


class DossierCounter(db.Model):
    """The running number of dossier codes per receiving agency and day."""
    __tablename__ = "dossier_counters"

    agency_id = db.Column(db.Integer, db.ForeignKey("agencies.id"), primary_key=True)
    day = db.Column(db.Date, primary_key=True)
    last_number = db.Column(db.Integer, nullable=False)


class Rating(db.Model):
    """The citizen's satisfaction with a returned dossier; one per dossier."""
    __tablename__ = "dossier_ratings"

    dossier_id = db.Column(db.Integer, db.ForeignKey("dossiers.id"), primary_key=True)
    score = db.Column(db.SmallInteger, nullable=False)  # 1 không hài lòng .. 3 rất hài lòng
    comment = db.Column(db.String(1000))
    created_at = db.Column(UTCDateTime, nullable=False)


class DossierResult(db.Model):
    """A result of a dossier (kết quả giải quyết): the n-th has the code `<dossier code>-KQ<n>`
    (Bình Định 2020, Điều 16). `electronic`: the signed PDF the leader's approval issued;
    `digitised`: a paper result scanned and signed by the officer who digitised it."""
    __tablename__ = "dossier_results"
    __table_args__ = (db.UniqueConstraint("dossier_id", "number"),)

    id = db.Column(db.Integer, primary_key=True)
    dossier_id = db.Column(db.Integer, db.ForeignKey("dossiers.id"), nullable=False)
    number = db.Column(db.SmallInteger, nullable=False)
    code = db.Column(db.String(48), nullable=False, unique=True)
    kind = db.Column(db.String(16), nullable=False)  # electronic | digitised
    title = db.Column(db.String(255), nullable=False)
    document_number = db.Column(db.String(64))
    file_id = db.Column(db.Integer, db.ForeignKey("dossier_files.id"), nullable=False)
    agency_id = db.Column(db.Integer, db.ForeignKey("agencies.id"), nullable=False)
    signed_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=False)
    signed_at = db.Column(UTCDateTime, nullable=False)
    details = db.Column(db.JSON, nullable=False, default=dict)  # the paper original's metadata

    dossier = db.relationship("Dossier")
    file = db.relationship("DossierFile")
    agency = db.relationship("Agency")
    signed_by = db.relationship("User")


def contact_of(user) -> dict[str, str]:
    """What a dossier's documents print to reach its applicant, from `user` (the account)."""
    return {"address": user.address or "", "phone": user.phone or "", "email": user.email or ""}


def search_text(applicant_name: str, organisation_name: str | None) -> str:
    return fold(f"{applicant_name} {organisation_name or ''}")[:460]
