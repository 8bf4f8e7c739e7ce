"""Who a document's signature block names (Decree 30/2020, Art. 13.1.b): a deputy signs on
behalf of the head ("KT." and the head's title above their own); the head, or an officer with
no deputy's title, signs in their own name only; an officer without a printed title by role."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from app.dossiers.printouts import signer


@pytest.mark.parametrize(("position", "role", "title", "on_behalf"), [
    ("Phó Giám đốc Sở Tư pháp", "leader", "Phó Giám đốc Sở Tư pháp", "KT. Giám đốc Sở Tư pháp"),
    ("Phó trưởng phòng Hành chính tư pháp", "leader", "Phó trưởng phòng Hành chính tư pháp",
     "KT. Trưởng phòng Hành chính tư pháp"),
    ("Giám đốc Sở Tư pháp", "leader", "Giám đốc Sở Tư pháp", ""),
    ("Phóng viên", "leader", "Phóng viên", ""),  # "Phó" only as a word of its own
    (None, "leader", "Lãnh đạo", ""),
])
def test_a_deputy_signs_on_behalf_of_the_head(position, role, title, on_behalf):
    officer = SimpleNamespace(full_name="Phạm Thị Dung", position=position, role=role)
    assert signer(officer) == type(signer(officer))("Phạm Thị Dung", title, on_behalf)
    assert signer(None).name == ""
