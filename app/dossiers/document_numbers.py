"""The number (Số) printed on each document a dossier gets: the dossier's running number and
receiving day from its code (`<agency>-<yymmdd>-<running>`, unique in the agency, so two
documents issued the same day never share a number), then what the document is: TN the receipt
(Mẫu 01; TN<n+1> the receipt issued again after the n-th full supplement), KQ<n> its n-th
result, BS<n> its n-th supplement request (Mẫu 02), TC the refusal (Mẫu 03), XL the apology
(Mẫu 04), DX the stop notice. A dossier without a code (refused or asked to supplement at
reception) is numbered by its number in the system instead: 42/TC."""
from __future__ import annotations

RECEIPT, RESULT, SUPPLEMENT, REFUSAL, APOLOGY, STOP = "TN{n}", "KQ{n}", "BS{n}", "TC", "XL", "DX"


def document_number(code: str, mark: str, reference: int | str = "", n: int = 1) -> str:
    """0001/261116/KQ1 for the first result of 000.00.12.H99-261116-0001; `reference` (the
    dossier's id) when `code` is empty."""
    what = mark.format(n=n if n > 1 or mark != RECEIPT else "")
    if not code:
        return f"{reference}/{what}"
    day, running = code.rsplit("-", 2)[-2:]
    return f"{running}/{day}/{what}"
