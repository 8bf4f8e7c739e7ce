"""The one-stop system (Hệ thống một cửa điện tử): what officers work in all day. Importing the
page modules registers their routes on the blueprint."""
from __future__ import annotations

from . import (desk_pages, dossier_pages, fee_pages, inbox_pages, intake_pages, procedure_pages,  # noqa: F401
               receipt_pages, register_pages, staff_pages, supervision_pages, task_pages)
from .blueprint import workspace

__all__ = ["workspace"]
