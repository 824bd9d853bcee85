/**
 * A .docx with the same bytes for the same report. docx dates docProps/core.xml (created,
 * modified) and every zip entry with the current time; here both carry the report's
 * generatedAt (given with --timestamp), else 1980-01-01, the earliest time a zip entry
 * can hold. core.xml is written here and given to docx's packer in place of its own; the
 * entries' times are set in the finished zip (zipTimes.ts), where they lie outside the
 * compressed data, so nothing is compressed twice.
 */

/** docProps/core.xml: title, creator and the two dates, as docx writes it. */
export function coreProperties(options: { title: string; creator: string; time: Date }): { path: string; data: string } {
  const w3c = options.time.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const date = (name: string) => `<dcterms:${name} xsi:type="dcterms:W3CDTF">${w3c}</dcterms:${name}>`;
  return {
    path: 'docProps/core.xml',
    data:
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      `<dc:title>${xml(options.title)}</dc:title><dc:creator>${xml(options.creator)}</dc:creator><cp:lastModifiedBy>${xml(options.creator)}</cp:lastModifiedBy>` +
      `<cp:revision>1</cp:revision>${date('created')}${date('modified')}</cp:coreProperties>`,
  };
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
