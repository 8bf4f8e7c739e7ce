"""The data names a procedure can have when a condition, a deadline or an `agency` reads them.

A dossier's data is what the citizen's form (named by the catalogue entry) and the step forms
of the diagram collect, what script tasks compute, and what the system itself adds. A name an
expression reads that none of these provides is almost always a typo (`quymo` for `quy_mo`),
found today only when a dossier reaches it and stops. `known_names` gives the names, or None
when they cannot all be known (a form that does not load or takes fields it does not name):
then nothing is reported, since a name that may be right must not be refused.
"""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from . import expressions
from .form_check import usable_fields

# What the system puts into a dossier's data besides the forms: the reason of a withdrawal
# (the `rut_ho_so` message carries only it; app/dossiers/citizen.py), and the payment of a fee
# (what `thanh_toan` carries; app/payments/ledger.py, ANALYST.md QT-40).
SYSTEM_NAMES = frozenset({"ly_do_rut", "so_tien_da_nop", "hinh_thuc_nop", "ma_giao_dich"})
# How a fee was paid, as `hinh_thuc_nop` says it: online through the gateway, at the counter, by post.
PAYMENT_METHODS = ("truc_tuyen", "truc_tiep", "buu_chinh")
# Elements whose id or name SpiffWorkflow makes a data name: data objects, multi-instance items.
DATA_ELEMENTS = ("dataObject", "dataObjectReference", "dataInput", "dataOutput", "inputDataItem",
                 "outputDataItem", "property")
DATA_REFERENCES = ("loopDataInputRef", "loopDataOutputRef")
SCRIPTS = ("script", "preScript", "postScript")


def _local(node) -> str:
    return etree.QName(node.tag).localname if isinstance(node.tag, str) else ""


def _form_fields(forms_dir: Path, forms) -> set[str] | None:
    fields: set[str] = set()
    for relative in forms:
        found = usable_fields(forms_dir, relative)
        if found is None:
            return None
        fields |= found
    return fields


def _diagram_names(root, functions) -> set[str]:
    """The names the diagram itself sets: by scripts, data objects, multi-instance items."""
    found: set[str] = set()
    for node in root.iter():
        kind = _local(node)
        if kind in SCRIPTS and (node.text or "").strip():
            found |= expressions.names(node.text, "exec", functions)[1]
        elif kind in DATA_ELEMENTS:
            found |= {v for v in (node.get("id"), node.get("name")) if v}
        elif kind in DATA_REFERENCES and (node.text or "").strip():
            found.add(node.text.strip())
    return found


def known_names(root, forms_dir: Path, forms, functions=()) -> frozenset[str] | None:
    """Every data name a process of the diagram `root` can read, given all the JSON Schema forms
    its dossiers fill in (`forms`, paths inside `forms_dir`: the citizen's and the steps');
    None when that cannot be known for sure."""
    fields = _form_fields(Path(forms_dir), forms)
    if fields is None:
        return None
    return frozenset(fields | _diagram_names(root, functions) | SYSTEM_NAMES)


def unknown_names(source: str, known: frozenset[str], functions=()) -> list[str]:
    """The names an expression reads that are not `known`, in order."""
    return sorted(expressions.names(source, "eval", functions)[0] - known)
