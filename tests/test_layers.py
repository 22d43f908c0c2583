"""The package's layers: imports run one way, from the command line down to the extraction core.

    cli -> demo -> sources -> crawler -> versions -> archive -> discover -> extract -> the shared bottom
A module may import its own layer and the layers below it, never one above: what several layers
share (the HTTP exchange, the record, the errors) lives at the bottom.
"""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "scraper"
LAYERS = ["bottom", "extract", "discover", "archive", "versions", "crawler", "sources", "demo", "cli"]
BOTTOM = {"_version", "errors", "record", "encoding", "compression", "exchange"}


def layer_of(module: str) -> str | None:
    """The layer of a module named "scraper.x.y"; None for the package itself (it may import all)."""
    parts = module.split(".")
    if len(parts) == 1 or parts[1] in ("__init__", "__main__"):
        return None
    if parts[1] in BOTTOM:
        return "bottom"
    return parts[1]


def imports_of(path: Path) -> list[str]:
    """The scraper modules a file imports, as absolute names."""
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    module = ".".join(relative.parts)
    package = module.rsplit(".", 1)[0] if path.name != "__init__.py" else module.removesuffix(".__init__")
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("scraper"):
                names = [f"{target}.{alias.name}" for alias in node.names] if target == "scraper" else [target]
                found += names
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.startswith("scraper")]
    return found


def test_every_module_belongs_to_a_layer():
    for path in PACKAGE.rglob("*.py"):
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        layer = layer_of(module)
        assert layer is None or layer in LAYERS, f"{module} is in no layer: add it to LAYERS or BOTTOM"


def test_imports_never_go_up():
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        layer = layer_of(module)
        if layer is None:
            continue
        for target in imports_of(path):
            target_layer = layer_of(target)
            if target_layer is not None and LAYERS.index(target_layer) > LAYERS.index(layer):
                upward.append(f"{module} ({layer}) imports {target} ({target_layer})")
    assert not upward, "\n".join(upward)


def test_the_checker_sees_an_upward_import(tmp_path):
    assert layer_of("scraper.crawler.engine") == "crawler" and layer_of("scraper.exchange") == "bottom"
    assert imports_of(PACKAGE / "crawler" / "engine.py")  # it does read the relative imports
    assert "scraper.archive.warc" in imports_of(PACKAGE / "crawler" / "engine.py")
