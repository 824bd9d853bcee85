"""Dumps an .xlsx workbook as JSON with openpyxl, an independent reader (Debian's python3-openpyxl).

Usage: python3 xlsxDump.py WORKBOOK.xlsx
Prints {"sheets": [{"name", "freeze", "widths": {column letter: width},
"cells": [{"row", "column", "value", "type", "format", "bold"}]}]} where type is
openpyxl's data_type ("n" number, "s" text, "f" formula, "b" boolean, "d" date).
Numbers are written with repr(), so a double survives the trip to JavaScript exactly.
"""
import json
import sys

import openpyxl


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def dump(path):
    workbook = openpyxl.load_workbook(path)
    sheets = []
    for sheet in workbook.worksheets:
        cells = []
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                cells.append({
                    "row": cell.row,
                    "column": cell.column,
                    "value": {"repr": repr(cell.value)} if is_number(cell.value) else cell.value,
                    "type": cell.data_type,
                    "format": cell.number_format,
                    "bold": bool(cell.font and cell.font.b),
                })
        sheets.append({
            "name": sheet.title,
            "freeze": sheet.freeze_panes,
            "widths": {k: v.width for k, v in sheet.column_dimensions.items() if v.width},
            "cells": cells,
        })
    return {"sheets": sheets}


if __name__ == "__main__":
    json.dump(dump(sys.argv[1]), sys.stdout, ensure_ascii=False)
