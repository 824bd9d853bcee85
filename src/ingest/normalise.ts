/**
 * Matching key for headers and labels: Unicode NFC, lower case, surrounding
 * whitespace trimmed, and runs of `_`, `-` and whitespace (incl. U+00A0) treated alike.
 */
export function matchKey(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .trim()
    .replace(/[\s_-]+/g, ' ');
}

/** Eleven digits, also split after six, with the rest of their digit run (no unmasked tail is left). */
const ID_LIKE = /\d*\d{6}[\s\-\u2010-\u2015\u2212]?\d{5}\d*/g;
/**
 * Phone-number shapes (8 digits, first 2–9, optional +47/0047, grouped or not),
 * looser than the scan's (personal-data.ts) but, like it, not an 8-digit date
 * (yyyymmdd, ddmmyyyy), so that an unreadable date is still shown.
 */
const PHONE_LIKE =
  /(?:(?:\+|(?<!\d)00)47[ \u00A0]?|(?<!\d)(?!(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])|(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])(?:19|20)\d\d))[2-9](?:\d{7}|\d{2}[ \u00A0]\d{2}[ \u00A0]\d{3}|\d[ \u00A0]\d{2}[ \u00A0]\d{2}[ \u00A0]\d{2}|\d{3}[ \u00A0]\d{4})(?!\d)/g;
/** E-mail shapes; the lookbehind starts each try at the beginning of a run, keeping this linear. */
const EMAIL_LIKE = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

/**
 * Text from an input file made safe for a message: any run that could be an
 * identity number or a phone number is masked with `*` of its length, an e-mail
 * address becomes `***@***`, and long text is cut.
 */
export function safeEcho(text: string, maxLength = 40): string {
  const masked = text
    .replace(PHONE_LIKE, (m) => '*'.repeat(m.length)) // first: 0047 + 8 digits also holds 11 digits
    .replace(ID_LIKE, (m) => '*'.repeat(m.length))
    .replace(EMAIL_LIKE, '***@***')
    .replace(/[\r\n\t]/g, ' ');
  return masked.length > maxLength ? `${masked.slice(0, maxLength - 1)}…` : masked;
}
