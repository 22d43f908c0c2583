"""Read the page's JSON-LD blocks into a flat list of schema.org objects.

Sites nest their objects in `@graph`, in lists, and under `mainEntity`; every object found anywhere
is returned once, in page order, so each evidence function can look for the types it trusts.
"""
from __future__ import annotations

import html
import json
import re
from typing import Any

import lxml.html

JSON_LD_TYPE = "application/ld+json"
CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def read_json_ld(root: lxml.html.HtmlElement) -> list[dict[str, Any]]:
    objects: list[dict[str, Any]] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != JSON_LD_TYPE or not script.text:
            continue
        text = script.text.strip().rstrip(";")
        try:
            # strict=False: CMSs paste text with raw line breaks and tabs into JSON strings
            data = json.loads(text, strict=False, object_hook=unescaped_strings if "&" in text else None)
        except ValueError:
            continue  # a broken block is common and harmless: other evidence remains
        pending = [data]  # a stack, its next item last
        while pending:  # iterative, so a deeply nested block cannot exhaust the stack
            item = pending.pop()
            if isinstance(item, list):
                pending += reversed(item)
            elif isinstance(item, dict):
                objects.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    pending += reversed(graph)
    return objects


def unescaped_strings(obj: dict[str, Any]) -> dict[str, Any]:
    """The object with its strings as the page means them: CMSs write JSON-LD values HTML-escaped
    ("H&#233;ctor", "Q&amp;A"), which no reader of a name or a headline wants."""
    for key, value in obj.items():
        if isinstance(value, str):
            obj[key] = unescaped(value)
        elif isinstance(value, list):
            obj[key] = [unescaped(item) if isinstance(item, str) else item for item in value]
    return obj


def unescaped(value: str) -> str:
    """The string with its character references resolved; only those closed by a semicolon, as a
    URL's "?a=1&copy=2" holds no reference."""
    return CHARACTER_REFERENCE.sub(lambda reference: html.unescape(reference.group()), value)


def types_of(obj: dict[str, Any]) -> set[str]:
    """The object's @type values, without a schema.org prefix."""
    value = obj.get("@type") or []
    values = value if isinstance(value, list) else [value]
    return {str(v).rsplit("/", 1)[-1] for v in values}


def string_of(value: object) -> str | None:
    """A property's text: the value itself, or the first of a list of values; None for an object."""
    if isinstance(value, list) and value:
        value = value[0]
    return value if isinstance(value, str) else None


def as_list(value: Any) -> list[Any]:
    """A property's values as a list: JSON-LD writes one value bare and several as a list."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
