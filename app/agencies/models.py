from __future__ import annotations

from ..db import db


class Agency(db.Model):
    """An agency (cơ quan) in the province's tree, with its identifier code (mã định danh)."""
    __tablename__ = "agencies"

    id = db.Column(db.Integer, primary_key=True)
    code = db.Column(db.String(32), nullable=False, unique=True)
    name = db.Column(db.String(255), nullable=False)
    level = db.Column(db.String(16), nullable=False, default="tinh")  # tinh | xa | trung_uong
    parent_id = db.Column(db.Integer, db.ForeignKey("agencies.id"), index=True)
    address = db.Column(db.String(255))
    phone = db.Column(db.String(32))

    parent = db.relationship("Agency", remote_side=[id], backref="children")

    def __repr__(self) -> str:
        return f"<Agency {self.code}>"
