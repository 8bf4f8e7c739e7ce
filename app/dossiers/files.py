"""A dossier's stored file, sent to someone already allowed to read the dossier."""
from __future__ import annotations

from flask import abort

from ..db import db
from ..files.download import file_response
from ..files.storage import storage
from .models import DossierFile


def send_file_of(dossier, file_id: int):
    """The file if it belongs to `dossier` (404 otherwise: ids of other dossiers are not
    confirmed to exist), as a download with its own name."""
    file = db.session.get(DossierFile, file_id)
    if file is None or file.dossier_id != dossier.id:
        abort(404)
    return file_response(storage().open(file.storage_key), file.file_name, file.content_type)
