"""Reads a .docx with python-docx (Debian's python3-docx), a reader independent of the
docx library that wrote it, and prints what a person would see as JSON:

  {"body": [{"kind": "paragraph", "style": ..., "text": ..., "images": n}
            | {"kind": "table", "rows": [[cell text, ...], ...], "repeatHeader": [bool per row]}],
   "header": [paragraph text of the first section's page header],
   "inlineShapes": n, "media": {content type: count},
   "created": ISO date, "modified": ISO date,
   "zipTimes": [the distinct date-times of the zip entries]}

Text is every w:t in order, w:br as a line break and w:tab as a tab, so that text inside
fields (a caption's SEQ number) counts as Word shows it. A cell's paragraphs are joined
with line breaks.

Usage: python3 docxReadBack.py FILE.docx
"""
import collections
import json
import sys
import zipfile

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph


def text_of(element):
    parts = []
    for node in element.iter():
        if node.tag == qn('w:t'):
            parts.append(node.text or '')
        elif node.tag in (qn('w:br'), qn('w:cr')):
            parts.append('\n')
        elif node.tag == qn('w:tab'):
            parts.append('\t')
    return ''.join(parts)


def paragraph(p):
    return {
        'kind': 'paragraph',
        'style': p.style.name if p.style is not None else None,
        'text': text_of(p._p),
        'images': len(p._p.findall('.//' + qn('w:drawing'))),
    }


def table(t):
    rows = []
    repeat = []
    for row in t.rows:
        rows.append(['\n'.join(text_of(cp._p) for cp in cell.paragraphs) for cell in row.cells])
        tr_pr = row._tr.trPr
        repeat.append(tr_pr is not None and tr_pr.find(qn('w:tblHeader')) is not None)
    return {'kind': 'table', 'rows': rows, 'repeatHeader': repeat}


def main(path):
    document = docx.Document(path)
    body = []
    for child in document.element.body.iterchildren():
        if child.tag == qn('w:p'):
            body.append(paragraph(Paragraph(child, document)))
        elif child.tag == qn('w:tbl'):
            body.append(table(Table(child, document)))
    media = collections.Counter(
        rel.target_part.content_type for rel in document.part.rels.values() if rel.reltype.endswith('/image')
    )
    core = document.core_properties
    print(json.dumps({
        'body': body,
        'header': [text_of(p._p) for p in document.sections[0].header.paragraphs],
        'inlineShapes': len(document.inline_shapes),
        'media': dict(media),
        'created': core.created.isoformat() if core.created else None,
        'modified': core.modified.isoformat() if core.modified else None,
        'zipTimes': sorted({'%04d-%02d-%02dT%02d:%02d:%02d' % info.date_time for info in zipfile.ZipFile(path).infolist()}),
    }, ensure_ascii=False))


if __name__ == '__main__':
    main(sys.argv[1])
