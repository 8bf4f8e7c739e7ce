"""A download is named for what the file really is: a JPEG uploaded as scan.pdf is stored as
image/jpeg (its content) and downloaded as scan.jpg, so it opens in a program that reads it."""
from __future__ import annotations

import re

import pytest

from app.files.download import named_for
from tests.web.test_portal import APPLY, VALID, _post, _start, citizen  # noqa: F401  (the fixture)
from tests.web.test_uploads import JPEG
from tests.web.pages import login, upload


@pytest.mark.parametrize("name, content_type, expected", [
    ("scan.pdf", "image/jpeg", "scan.jpg"),
    ("Ảnh CCCD.PDF", "image/png", "Ảnh CCCD.png"),
    ("giấy tờ", "application/pdf", "giấy tờ.pdf"),
    ("bien.ban.v2", "image/jpeg", "bien.ban.v2.jpg"),  # not a file type's extension: kept, one added
    ("anh.JPEG", "image/jpeg", "anh.JPEG"),
    ("anh.jpg", "image/jpeg", "anh.jpg"),
    ("to-khai.pdf", "application/pdf", "to-khai.pdf"),
    ("so-thu-phi.csv", "text/csv", "so-thu-phi.csv"),  # not an upload type: as it is
])
def test_the_name_follows_the_detected_type(name, content_type, expected):
    assert named_for(name, content_type) == expected


def test_a_jpeg_named_pdf_is_downloaded_as_a_jpeg(citizen, client):  # noqa: F811
    response = _post(citizen, APPLY, {**_start(citizen), **VALID, "action": "submit",
                                      "tep.GTTT": upload(JPEG, "scan.pdf")})
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    dossier_id = int(response.headers["Location"].rsplit("/", 1)[1])
    page = citizen.get(f"/ho-so/{dossier_id}").get_data(as_text=True)
    file_id = re.search(rf'href="/ho-so/{dossier_id}/tep/(\d+)"', page).group(1)
    for path in (f"/ho-so/{dossier_id}/tep/{file_id}", f"/mot-cua/ho-so/{dossier_id}/tep/{file_id}"):
        if path.startswith("/mot-cua"):
            login(client, "motcua")
        got = client.get(path)
        assert got.status_code == 200 and got.mimetype == "image/jpeg" and got.data == JPEG
        assert 'filename="scan.jpg"' in got.headers["Content-Disposition"], got.headers["Content-Disposition"]
