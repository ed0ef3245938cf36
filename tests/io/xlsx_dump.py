#!/usr/bin/env python3
"""Prints what a tests needs to know of an .xlsx file as JSON, using only the standard
library (zipfile and ElementTree): the sheets in workbook order, each with its frozen
pane, autofilter range, column widths and cells (reference, cell type, number format
code, value), and the document's creation time.

usage: xlsx_dump.py FILE.xlsx [SHEET...]
With sheet names, only those sheets' cells are listed (the others with no rows), which
keeps a large monthly sheet out of a test that does not look at it.
"""
import json
import sys
import zipfile
import xml.etree.ElementTree as ET

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
BUILTIN_FORMATS = {0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%"}


def cell_text(cell, shared):
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(MAIN + "t"))
    v = cell.find(MAIN + "v")
    if v is None:
        return None
    if kind == "s":
        return shared[int(v.text)]
    return v.text


def main(path, wanted):
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        shared = []
        if "xl/sharedStrings.xml" in names:
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iter(MAIN + "si"):
                shared.append("".join(t.text or "" for t in si.iter(MAIN + "t")))
        styles = ET.fromstring(z.read("xl/styles.xml"))
        codes = dict(BUILTIN_FORMATS)
        for f in styles.iter(MAIN + "numFmt"):
            codes[int(f.get("numFmtId"))] = f.get("formatCode")
        xfs = styles.find(MAIN + "cellXfs")
        style_format = [codes.get(int(xf.get("numFmtId", "0")), "?") for xf in xfs.iter(MAIN + "xf")]
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels.iter(PKG_REL + "Relationship")}
        workbook = ET.fromstring(z.read("xl/workbook.xml"))
        sheets = []
        for s in workbook.iter(MAIN + "sheet"):
            target = targets[s.get(REL + "id")]
            xml = ET.fromstring(z.read("xl/" + target.lstrip("/").replace("xl/", "", 1)))
            pane = xml.find(".//" + MAIN + "pane")
            autofilter = xml.find(MAIN + "autoFilter")
            widths = [float(c.get("width")) for c in xml.iter(MAIN + "col")]
            rows = []
            listed = not wanted or s.get("name") in wanted
            for row in (xml.iter(MAIN + "row") if listed else []):
                cells = []
                for c in row.iter(MAIN + "c"):
                    cells.append({
                        "ref": c.get("r"),
                        "t": c.get("t", "n"),
                        "format": style_format[int(c.get("s", "0"))],
                        "value": cell_text(c, shared),
                    })
                rows.append({"r": int(row.get("r")), "cells": cells})
            sheets.append({
                "name": s.get("name"),
                "frozen": None if pane is None else pane.get("topLeftCell"),
                "pane_state": None if pane is None else pane.get("state"),
                "autofilter": None if autofilter is None else autofilter.get("ref"),
                "widths": widths,
                "rows": rows,
            })
        core = z.read("docProps/core.xml").decode("utf-8")
        created = core.split("<dcterms:created", 1)[1].split(">", 1)[1].split("<", 1)[0]
    json.dump({"sheets": sheets, "created": created, "formats": sorted(set(codes.values()))}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], set(sys.argv[2:]))
