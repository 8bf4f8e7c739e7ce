"""What each printable document needs, as plain frozen values (the app gathers them).

Instants must be timezone-aware; they are printed in Asia/Ho_Chi_Minh. Sequences given as lists
are stored as tuples so a value stays immutable and comparable.

A dossier's `lookup_url` is the public lookup by its code; the public lookup needs a code, so a
document of a dossier without one carries the applicant's own dossier page (on the portal, after
logging in) and its caption says so instead of printing an empty code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date, datetime
from decimal import Decimal

# Component kinds as the catalogue spells them (catalogue/*.json "kind").
COMPONENT_KINDS = ("ban_chinh", "ban_sao_chung_thuc", "ban_chup")
DURATION_UNITS = ("working_days", "working_hours", "calendar_days")
VERDICTS = ("early", "on_time", "late")
RESULT_CODE = re.compile(r"^\S+-KQ[1-9][0-9]*$")


def result_code(dossier_code: str, index: int) -> str:
    """The code of a dossier's index-th result: `<dossier code>-KQ<n>` (Bình Định, Biểu mẫu (8))."""
    if index < 1:
        raise ValueError("result index starts at 1")
    return f"{dossier_code}-KQ{index}"


class _Checked:
    """Freezes sequences into tuples and refuses naive datetimes, for every dataclass below."""

    def __post_init__(self):
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, list):
                object.__setattr__(self, item.name, tuple(value))
            elif isinstance(value, datetime) and value.utcoffset() is None:
                raise ValueError(f"{type(self).__name__}.{item.name} must be timezone-aware")


@dataclass(frozen=True)
class Agency(_Checked):
    """An agency or one-stop desk as printed in a header: `parent` is the governing body
    (tên cơ quan chủ quản, e.g. "UBND tỉnh Bình An"); `place` the place name of the date line."""
    name: str
    address: str = ""
    phone: str = ""
    parent: str = ""
    place: str = ""


@dataclass(frozen=True)
class Applicant(_Checked):
    """Who the dossier is for; `submitted_by`: who filed it for them (a person represented), whose
    contact the address, phone and email are; `organisation`: the organisation represented."""
    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    submitted_by: str = ""
    organisation: str = ""


@dataclass(frozen=True)
class Signer(_Checked):
    """Who signs: `title` such as "Giám đốc"; `on_behalf` the authority line above it
    (e.g. "KT. Giám đốc" when a deputy signs)."""
    name: str
    title: str = ""
    on_behalf: str = ""


@dataclass(frozen=True)
class Duration(_Checked):
    """A statutory time as the catalogue states it: {"amount": 10, "unit": "working_days"}."""
    amount: int | float | Decimal
    unit: str = "working_days"

    def __post_init__(self):
        super().__post_init__()
        if self.unit not in DURATION_UNITS:
            raise ValueError(f"unknown duration unit {self.unit!r}")


@dataclass(frozen=True)
class Component(_Checked):
    """A dossier component received: `kind` is a catalogue kind, `copies` how many."""
    name: str
    kind: str = "ban_chinh"
    copies: int = 1

    def __post_init__(self):
        super().__post_init__()
        if self.kind not in COMPONENT_KINDS:
            raise ValueError(f"unknown component kind {self.kind!r}")


@dataclass(frozen=True)
class Receipt(_Checked):
    """Mẫu 01: receipt and appointment. `agency` is the receiving desk. `note`: why this receipt
    was issued again (a supplement received during processing restarts the statutory time).
    `by_post`: what it acknowledges came through the public postal service (BCCI), with its
    `postal_item` number, or `online`: through the portal; either way nobody stood at the counter,
    so only the receiving officer signs.
    `return_by_post`: the result goes back by post to the applicant's address, not `collect_at`."""
    agency: Agency
    code: str
    applicant: Applicant
    procedure: str
    components: tuple[Component, ...]
    processing_time: Duration
    received_at: datetime
    due_at: datetime
    collect_at: str
    lookup_url: str
    officer: str
    number: str = ""
    sets: int = 1
    register_book: str = ""
    register_entry: str = ""
    note: str = ""
    due_note: str = ""  # why the appointment is later than the processing time gives (a wait for the fee)
    by_post: bool = False
    online: bool = False  # submitted on the portal: nobody at the counter to sign either
    postal_item: str = ""
    return_by_post: bool = False


@dataclass(frozen=True)
class MissingItem(_Checked):
    """One row of Mẫu 02: a missing or wrong component and what is required of it."""
    component: str
    requirement: str


@dataclass(frozen=True)
class SupplementRequest(_Checked):
    """Mẫu 02: every missing or wrong component, listed once, with the reason. Asked before
    reception, the dossier has no `code` yet: `reference` (its number in the system) names it."""
    agency: Agency
    applicant: Applicant
    procedure: str
    items: tuple[MissingItem, ...]
    reason: str
    officer: str
    issued_at: datetime
    lookup_url: str
    code: str = ""
    number: str = ""
    contact_phone: str = ""
    reference: str = ""


@dataclass(frozen=True)
class Refusal(_Checked):
    """Mẫu 03: refusal to receive a dossier, with the reason. A refused dossier gets no `code`:
    `reference` (its number in the system) names it."""
    agency: Agency
    applicant: Applicant
    procedure: str
    reason: str
    officer: str
    issued_at: datetime
    lookup_url: str
    code: str = ""
    number: str = ""
    reference: str = ""


@dataclass(frozen=True)
class StopNotice(_Checked):
    """The written notice that processing stopped (status 8), with the reason, signed by whoever
    decided it (the leader approving the specialist's proposal, in the shipped diagrams): the
    applicant is owed the reason in writing (Decree 61/2018 Điều 19)."""
    agency: Agency
    code: str
    applicant: Applicant
    procedure: str
    received_at: datetime
    reason: str
    signer: Signer
    issued_at: datetime
    lookup_url: str
    number: str = ""


@dataclass(frozen=True)
class Apology(_Checked):
    """Mẫu 04: apology and the new appointment, signed by the resolving agency's leader."""
    agency: Agency
    code: str
    applicant: Applicant
    procedure: str
    received_at: datetime
    original_due_at: datetime
    reason: str
    new_due_at: datetime
    leader: Signer
    issued_at: datetime
    lookup_url: str
    number: str = ""


@dataclass(frozen=True)
class Party(_Checked):
    """One side of a hand-off: the agency, its unit (phòng, bộ phận) and the person."""
    agency: str
    unit: str = ""
    person: str = ""


@dataclass(frozen=True)
class Handoff(_Checked):
    """One row of Mẫu 05. `verdict` is "early", "on_time", "late" or None while pending."""
    giver: Party
    receiver: Party
    at: datetime
    verdict: str | None = None
    note: str = ""

    def __post_init__(self):
        super().__post_init__()
        if self.verdict is not None and self.verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {self.verdict!r}")


@dataclass(frozen=True)
class ControlSlip(_Checked):
    """Mẫu 05: the control slip that travels with a dossier. `agency` is the receiving desk.
    A dossier not received (yet) has no `code` and no appointment (`due_at` None): `reference`
    (its number in the system) names it, `received_at` is when it was submitted, and `refused`
    says it was refused at reception."""
    agency: Agency
    code: str
    applicant: Applicant
    procedure: str
    received_at: datetime
    due_at: datetime | None
    resolving_agency: str
    lookup_url: str
    rows: tuple[Handoff, ...] = ()
    cooperating_agencies: tuple[str, ...] = ()
    reference: str = ""
    refused: bool = False
    made_at: datetime | None = None  # when printed, the PDF's date; None: the app's clock


@dataclass(frozen=True)
class RegisterRow(_Checked):
    """One dossier in Mẫu 06. Instants not reached yet stay None."""
    code: str
    procedure: str
    applicant: str
    received_at: datetime
    due_at: datetime
    contact: str = ""
    sets: int = 1
    resolving_agency: str = ""
    transferred_at: datetime | None = None
    result_at: datetime | None = None
    returned_at: datetime | None = None
    note: str = ""
    lookup_url: str = ""  # the dossier's public lookup, printed as a QR code under its code
    dossier_id: int = 0  # not printed: the register on screen links each row to its dossier
    entry: int = 0  # its number in the book of the year (Số thứ tự, as Mẫu 01 gives it); 0: the row's place


@dataclass(frozen=True)
class Register(_Checked):
    """Mẫu 06: an agency's dossier register over a period (printed landscape)."""
    agency: Agency
    period_start: date
    period_end: date
    printed_on: date
    rows: tuple[RegisterRow, ...] = ()
    made_at: datetime | None = None  # when printed, the PDF's date; None: the app's clock


@dataclass(frozen=True)
class ResultContent(_Checked):
    """What an electronic result says: its title, labelled fields and paragraphs. The paper
    conversion reprints all of it (Bình Định, Biểu mẫu (9))."""
    title: str
    fields: tuple[tuple[str, str], ...] = ()
    paragraphs: tuple[str, ...] = ()
    subtitle: str = ""

    def __post_init__(self):
        super().__post_init__()
        object.__setattr__(self, "fields", tuple(tuple(pair) for pair in self.fields))


def _check_result_code(code: str) -> None:
    if not RESULT_CODE.match(code):
        raise ValueError(f"result code {code!r} is not <dossier code>-KQ<n>")


@dataclass(frozen=True)
class ResultDocument(_Checked):
    """The electronic result the agency signs digitally after it is generated."""
    agency: Agency
    number: str
    issued_on: date
    result_code: str
    applicant: str
    content: ResultContent
    signer: Signer
    verify_url: str
    recipients: tuple[str, ...] = ()
    made_at: datetime | None = None  # when printed, the PDF's date; None: the app's clock

    def __post_init__(self):
        super().__post_init__()
        _check_result_code(self.result_code)


@dataclass(frozen=True)
class PaperResult(_Checked):
    """The paper conversion of an electronic result (Bình Định 2020, Điều 16 and its Biểu mẫu).
    `centre` is the service centre or desk that prints it (1)-(3); `system_name` closes the page."""
    centre: Agency
    document_number: str
    signing_agency: str
    signer: str
    signed_on: date
    result_code: str
    content: ResultContent
    verify_url: str
    system_name: str
    applicant: str = ""
    made_at: datetime | None = None  # when printed, the PDF's date; None: the app's clock

    def __post_init__(self):
        super().__post_init__()
        _check_result_code(self.result_code)

    @classmethod
    def of(cls, result: ResultDocument, centre: Agency, system_name: str,
           made_at: datetime | None = None) -> PaperResult:
        """The conversion of `result`, printed by `centre` at `made_at`."""
        return cls(centre=centre, document_number=result.number, signing_agency=result.agency.name,
                   signer=result.signer.name, signed_on=result.issued_on, result_code=result.result_code,
                   content=result.content, verify_url=result.verify_url, system_name=system_name,
                   applicant=result.applicant, made_at=made_at)


@dataclass(frozen=True)
class FeeReceipt(_Checked):
    """An electronic receipt for the fees and charges paid for a dossier (biên lai thu phí, lệ phí,
    Decree 123/2020 on invoices and receipts). `agency` is the collecting unit; `province` the
    place name of the date line (the province profile's `place`); `lines` are (fee name, amount
    in đồng) and `total` must be their sum: a receipt whose figures disagree must never be
    issued. `verify_url` is what its QR code leads to."""
    province: str
    agency: Agency
    receipt_no: str
    issued_at: datetime
    payer_name: str
    dossier_code: str
    procedure_name: str
    lines: tuple[tuple[str, int], ...]
    total: int
    method: str
    verify_url: str
    payer_id_number: str = ""
    payer_id_is_passport: bool = False  # a foreigner's passport, not a Vietnamese identity number
    payer_address: str = ""
    transaction_no: str = ""
    collector: str = ""

    def __post_init__(self):
        super().__post_init__()
        object.__setattr__(self, "lines", tuple(tuple(line) for line in self.lines))
        if not self.lines:
            raise ValueError("a fee receipt needs at least one line")
        amounts = [amount for _, amount in self.lines] + [self.total]
        if any(isinstance(amount, bool) or not isinstance(amount, int) or amount < 0 for amount in amounts):
            raise ValueError("fee amounts are whole đồng, not negative")
        if sum(amounts[:-1]) != self.total:
            raise ValueError(f"total {self.total} is not the sum of the lines {sum(amounts[:-1])}")
