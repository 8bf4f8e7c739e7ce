from __future__ import annotations

from ..db import db


class Procedure(db.Model):
    """A catalogue entry (thủ tục hành chính), loaded from catalogue/<code>.json."""
    __tablename__ = "procedures"

    id = db.Column(db.Integer, primary_key=True)
    code = db.Column(db.String(32), nullable=False, unique=True)
    name = db.Column(db.String(500), nullable=False)
    search_text = db.Column(db.Text, nullable=False, default="")  # folded: no diacritics, lower case
    sector = db.Column(db.String(200))
    field_code = db.Column(db.String(32))
    level = db.Column(db.String(16))
    agency_id = db.Column(db.Integer, db.ForeignKey("agencies.id"), nullable=False, index=True)
    online_level = db.Column(db.String(16))
    processing_amount = db.Column(db.Float, nullable=False)
    processing_unit = db.Column(db.String(16), nullable=False)  # working_days | working_hours | calendar_days
    form = db.Column(db.String(255), nullable=False)
    ui_schema = db.Column(db.String(255))
    bpmn_process_id = db.Column(db.String(128), nullable=False)
    published = db.Column(db.Boolean, nullable=False, default=True)
    details = db.Column(db.JSON, nullable=False, default=dict)  # components, fees, steps, legal basis...

    agency = db.relationship("Agency")

    @property
    def components(self) -> list:
        return self.details.get("components", [])

    @property
    def fees(self) -> list:
        return self.details.get("fees", [])
