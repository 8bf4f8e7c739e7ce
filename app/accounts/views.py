"""Citizen accounts: registration with e-mail verification, login, logout, password reset,
profile."""
from __future__ import annotations

from flask import Blueprint

accounts = Blueprint("accounts", __name__, template_folder="templates")
