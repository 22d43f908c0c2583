"""How names and sentences are written: the capital letters of the Latin alphabets, and the
abbreviations whose period ends no sentence ("Sen. Marco Rubio", "Mme Fontaine", "Sra. Morales").

Names and sentences of other languages start with "É", "Ö", "Ł" or "Ş" as often as English ones
with "A"-"Z", so the patterns use a class of every Latin capital.
"""
from __future__ import annotations

# Basic Latin, Latin-1 and Latin Extended-A and -B: every capital letter, no lower-case one.
CAPITALS = "".join(chr(code) for code in range(0x41, 0x250) if chr(code).isupper())
CAPITAL = f"[{CAPITALS}]"
# Titles written short before a name, in English and the languages around it.
ABBREVIATED_TITLES = """
Mr Mrs Ms Dr Sen Sens Rep Reps Gov Gen Lt Col Capt Sgt St Jr Sr Prof Rev Pres Sec Adm
Sra Srta Dra Mme Mlle Dott Sig Dhr Mevr
""".split()
# Other abbreviations that stand inside a sentence or a name ("Mt. Vernon", "Acme Inc.").
ABBREVIATED_WORDS = "Ft Mt Inc Corp Ltd Co".split()
# The same as a pattern: an abbreviation or an initial, with its period ("Sen.", "J.").
ABBREVIATION = rf"(?:{'|'.join(ABBREVIATED_TITLES + ABBREVIATED_WORDS)}|{CAPITAL})\."
TITLE_ABBREVIATION = rf"(?:{'|'.join(ABBREVIATED_TITLES)}|{CAPITAL})\."
