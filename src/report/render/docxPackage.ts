import { unzipSync, zipSync, type Zippable } from 'fflate';

/** The earliest time a zip entry can carry, for a report made without --timestamp. */
const NO_TIME = '1980-01-01T00:00:00Z';

/**
 * A .docx with the same bytes for the same report: docx stamps docProps/core.xml's
 * created and modified dates and every zip entry with the current time. Both become the
 * report's generatedAt (given with --timestamp), else 1980-01-01; the parts are packed
 * again in the same order and compression.
 */
export function deterministicPackage(docx: Uint8Array, generatedAt: string | undefined): Uint8Array {
  const time = new Date(generatedAt ?? NO_TIME);
  const stamp = Number.isNaN(time.getTime()) || time < new Date(NO_TIME) ? new Date(NO_TIME) : time;
  const w3c = stamp.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const parts = unzipSync(docx);
  const core = new TextDecoder().decode(parts['docProps/core.xml']);
  const dated = core.replace(/(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${w3c}$3`);
  if ((dated.match(new RegExp(w3c, 'g')) ?? []).length !== 2) throw new Error('docProps/core.xml: the created and modified dates were not found');
  parts['docProps/core.xml'] = new TextEncoder().encode(dated);
  // A zip entry's time has no time zone, and fflate writes the local clock: give it the UTC clock's fields.
  const mtime = new Date(stamp.getUTCFullYear(), stamp.getUTCMonth(), stamp.getUTCDate(), stamp.getUTCHours(), stamp.getUTCMinutes(), stamp.getUTCSeconds());
  const zippable: Zippable = {};
  for (const [name, data] of Object.entries(parts)) zippable[name] = [data, { mtime, level: 6 }];
  return zipSync(zippable);
}
