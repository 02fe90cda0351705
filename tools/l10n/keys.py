#!/usr/bin/env python3
"""Keeps Resources/translations.tsv in step with the texts the web project asks for.

  keys.py missing            prints (as TSV with the header's columns, cells empty) every text a page or class asks the
                             localizer for that translations.tsv lacks, plus every key whose column for a language is empty
  keys.py merge FILE...      merges translated TSV files (a header naming en and some cultures, then rows) into
                             translations.tsv: new rows are added, empty or new columns filled; existing cells are kept
  keys.py unused             prints keys in translations.tsv that no page asks for any more

The same patterns are scanned by LocalizationTests: L["…"] / localizer["…"] in .cshtml and .cs files, and the
DataAnnotations texts (Display(Name = "…"), ErrorMessage = "…") that the data-annotation localizer translates.
"""
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parents[2]
web = root / "src" / "Marketplace.Web"
tsv = web / "Resources" / "translations.tsv"
# Texts the domain and core write in English for pages to translate: DomainError messages (new("area.code", "…"),
# DomainError.Of(…, "…"), QualityWarning.Of(…, "…")) and form errors (errors.Add((field, "…"))).
domain_patterns = [
    re.compile(r'\bnew(?: DomainError)?\(\s*"[a-z_]+\.[a-z_.]+"\s*,\s*"((?:[^"\\]|\\.)*)"'),
    re.compile(r'\b(?:DomainError|QualityWarning)\.Of\([^"]*(?:"[a-z_]+\.[a-z_.]+"[^"]*)?"((?:[^"\\]|\\.)*)"'),
    re.compile(r'\berrors\.Add\(\([^,]+,\s*"((?:[^"\\]|\\.)*)"'),
    re.compile(r'\bText\.Of\(\s*"((?:[^"\\]|\\.)*)"'),
    re.compile(r'\bnew\("[A-Z]{2}", "((?:[^"\\]|\\.)*)"\)'),  # Countries.All
    re.compile(r'\bDisplay\(\s*Name\s*=\s*"((?:[^"\\]|\\.)*)"'),  # forms defined in Core (ListingForm)
    re.compile(r'\bErrorMessage\s*=\s*"((?:[^"\\]|\\.)*)"'),
]
patterns = [
    re.compile(r'\b(?:L|localizer|Localizer|Texts)\[\s*"((?:[^"\\]|\\.)*)"'),
    re.compile(r'\bt\(\s*"((?:[^"\\]|\\.)*)"'),  # AccountMail's t("…"): translated into the account's language
    re.compile(r'\bDisplay\(\s*Name\s*=\s*"((?:[^"\\]|\\.)*)"'),
    re.compile(r'\bErrorMessage\s*=\s*"((?:[^"\\]|\\.)*)"'),
]


def used_keys():
    keys = set()
    files = [(p, patterns) for p in web.rglob("*")] + [(p, domain_patterns) for folder in ("Marketplace.Domain", "Marketplace.Core") for p in (root / "src" / folder).rglob("*.cs")]
    for path, scan in files:
        if path.suffix not in (".cshtml", ".cs") or "/obj/" in str(path) or "/bin/" in str(path):
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in scan:
            for match in pattern.finditer(text):
                key = match.group(1).encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
                if re.search(r"[^\W\d_]", re.sub(r"\{\d+\}", "", key)):  # "{0}" or "“{0}”: {1}" has nothing to translate
                    keys.add(key)
    return keys


def read(path):
    lines = pathlib.Path(path).read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    rows = {}
    for line in lines[1:]:
        if not line.strip():
            continue
        cells = line.split("\t")
        cells += [""] * (len(header) - len(cells))
        rows[cells[0]] = dict(zip(header, cells))
    return header, rows


def write(header, rows):
    body = ["\t".join(header)]
    for key in sorted(rows, key=lambda k: (k.lower(), k)):
        body.append("\t".join(rows[key].get(c, "") for c in header))
    tsv.write_text("\n".join(body) + "\n", encoding="utf-8")


command = sys.argv[1] if len(sys.argv) > 1 else "missing"
header, rows = read(tsv)
if command == "missing":
    print("\t".join(header))
    for key in sorted(used_keys() | set(rows)):
        row = rows.get(key, {"en": key})
        if key not in rows or any(not row.get(c, "").strip() for c in header[1:]):
            print("\t".join(row.get(c, key if c == "en" else "") for c in header))
elif command == "merge":
    for path in sys.argv[2:]:
        theirs, incoming = read(path)
        for culture in theirs:
            if culture not in header:
                header.append(culture)
        for key, cells in incoming.items():
            row = rows.setdefault(key, {"en": key})
            for culture, value in cells.items():
                if value.strip() and not row.get(culture, "").strip():
                    row[culture] = value
    write(header, rows)
    print(f"{len(rows)} texts, columns {' '.join(header)}")
elif command == "unused":
    for key in sorted(set(rows) - used_keys()):
        print(key)
else:
    raise SystemExit(__doc__)
