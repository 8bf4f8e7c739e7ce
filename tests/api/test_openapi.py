"""Every route of /api/v1 is described by /api/v1/openapi.json, with the method it answers."""
from __future__ import annotations

import re


def test_every_api_route_is_documented(client, clean_app):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    documented = {(path, method) for path, ops in document["paths"].items() for method in ops}
    routes = set()
    for rule in clean_app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or rule.endpoint == "api.openapi":
            continue
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule[len("/api/v1"):])
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            routes.add((path, method.lower()))
    # Path parameter names may differ ({id} / {task_id}); compare with names erased.
    erase = lambda items: {(re.sub(r"\{[^}]+\}", "{}", p), m) for p, m in items}  # noqa: E731
    assert erase(routes) <= erase(documented), erase(routes) - erase(documented)
