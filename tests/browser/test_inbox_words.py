"""The inbox at 800 px: table cells wrap at spaces, so no column header, dossier code or name is
cut inside a word ("Ngư/ời nộp"), as main's overflow-wrap: anywhere allowed in table cells."""
from __future__ import annotations

import pytest

from tests.api.test_lifecycle import LLTP, LLTP_FORM, submit
from tests.browser.conftest import officer_windows
from tests.conftest import vn
from tests.workspace.helpers import accept

NARROW = {"width": 800, "height": 900}

# Every word of the table's cells whose text box breaks over two lines.
SPLIT_WORDS = """() => {
  const split = [];
  const walker = document.createTreeWalker(document.querySelector('main table'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.textContent.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (tops.size > 1) split.push(match[0]);
    }
  }
  return split;
}"""


@pytest.fixture()
def narrow(browser, live_server):
    yield from officer_windows(browser, live_server, viewport=NARROW)


def test_the_inbox_at_800_px_splits_no_word(narrow, api, clock, tmp_path):
    clock.set(vn(2026, 11, 23, 8, 0))
    for copies in (1, 2):
        accept(api, submit(api, LLTP, {**LLTP_FORM, "so_ban": copies})["id"])
    submit(api, LLTP, {**LLTP_FORM, "so_ban": 3})
    for username in ("motcua", "chuyenvien"):
        page = narrow(username)
        page.wait_for_load_state()
        page.screenshot(path=str(tmp_path / f"inbox-800-{username}.png"), full_page=True)
        assert page.locator("main table").count() >= 1
        assert page.evaluate(SPLIT_WORDS) == []
