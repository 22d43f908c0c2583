"""The `scraper` command line."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__
from .extract import extract

HTML_SUFFIXES = {".html", ".htm"}


def html_files(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix.lower() in HTML_SUFFIXES)
        else:
            found.append(path)
    return found


def run_parse(args: argparse.Namespace) -> int:
    args.out.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with args.out.open("w", encoding="utf-8") as out:
        for path in html_files(args.paths):
            article = extract(path.read_bytes(), path.resolve().as_uri())
            out.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
            count += 1
    print(f"{count} records written to {args.out}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="scraper", description=__doc__)
    parser.add_argument("--version", action="version", version=f"scraper {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    parse = commands.add_parser("parse", help="extract records from saved HTML files or folders, offline",
                                description="Extract article records from saved pages. "
                                            "Example: scraper parse fixtures/ --out output/articles.jsonl")
    parse.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="HTML files or folders of them")
    parse.add_argument("--out", type=Path, required=True, metavar="FILE.jsonl", help="where to write the records")
    parse.set_defaults(run=run_parse)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
