#!/usr/bin/env python3
"""Writes src/Marketplace.Web/Resources/SharedResource.<culture>.resx from translations.tsv (the source of truth).

translations.tsv: a header line (en, then one column per culture) and one line per text: the English text (the key that
pages pass to L["..."]) and its translations, tab-separated. Run after editing the TSV; LocalizationTests fails when a
key used in a page has no translation.
"""
import html
import pathlib

resources = pathlib.Path(__file__).resolve().parents[2] / "src" / "Marketplace.Web" / "Resources"
lines = (resources / "translations.tsv").read_text(encoding="utf-8").splitlines()
cultures = lines[0].split("\t")[1:]
rows = [line.split("\t") for line in lines[1:] if line.strip()]
seen = {}
for row in rows:
    if len(row) != len(cultures) + 1 or any(not cell.strip() for cell in row):
        raise SystemExit(f"translations.tsv: '{row[0]}' needs a translation in every column")
    if row[0].lower() in seen:
        raise SystemExit(f"translations.tsv: '{row[0]}' and '{seen[row[0].lower()]}' differ only in case; resource names don't")
    seen[row[0].lower()] = row[0]

head = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""
for index, culture in enumerate(cultures, start=1):
    body = "".join(
        f'  <data name="{html.escape(row[0], quote=True)}" xml:space="preserve"><value>{html.escape(row[index], quote=False)}</value></data>\n'
        for row in sorted(rows, key=lambda r: r[0]))
    (resources / f"SharedResource.{culture}.resx").write_text(head + body + "</root>\n", encoding="utf-8")
print(f"{len(rows)} texts in {len(cultures)} languages")
