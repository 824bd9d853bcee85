/**
 * Matching key for headers and labels: Unicode NFC, lower case, surrounding
 * whitespace trimmed, and runs of `_`, `-` and whitespace (incl. U+00A0) treated alike.
 */
export function matchKey(text: string): string {
  return text.normalize('NFC').toLowerCase().trim().replace(/[\s_\-]+/g, ' ');
}

const ID_LIKE = /\d{6}[\s\-]?\d{5}/g;

/**
 * Text from an input file made safe for a message: any run that could be an
 * identity number is masked, and long text is cut.
 */
export function safeEcho(text: string, maxLength = 40): string {
  const masked = text.replace(ID_LIKE, (m) => '*'.repeat(m.length)).replace(/[\r\n\t]/g, ' ');
  return masked.length > maxLength ? `${masked.slice(0, maxLength - 1)}…` : masked;
}
