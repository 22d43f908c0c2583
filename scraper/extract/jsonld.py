"""Read the page's JSON-LD blocks into a flat list of schema.org objects.

Sites nest their objects in `@graph`, in lists, and under `mainEntity`; every object found anywhere
is returned once, in page order, so each evidence function can look for the types it trusts.
"""
from __future__ import annotations

import json
from typing import Any

import lxml.html

JSON_LD_TYPE = "application/ld+json"


def read_json_ld(root: lxml.html.HtmlElement) -> list[dict[str, Any]]:
    objects: list[dict[str, Any]] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != JSON_LD_TYPE or not script.text:
            continue
        try:
            data = json.loads(script.text.strip().rstrip(";"))
        except ValueError:
            continue  # a broken block is common and harmless: other evidence remains
        pending = [data]
        while pending:  # iterative, so a deeply nested block cannot exhaust the stack
            item = pending.pop(0)
            if isinstance(item, list):
                pending[:0] = item
            elif isinstance(item, dict):
                objects.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    pending[:0] = graph
    return objects


def types_of(obj: dict[str, Any]) -> set[str]:
    """The object's @type values, without a schema.org prefix."""
    value = obj.get("@type") or []
    values = value if isinstance(value, list) else [value]
    return {str(v).rsplit("/", 1)[-1] for v in values}
