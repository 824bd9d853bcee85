import { InputError } from '../errors.js';

/**
 * A pipe's encoding, decided in one pass as its bytes go by (a pipe cannot be read
 * twice): UTF-8 until the first non-ASCII sequence, which decides. Valid UTF-8
 * keeps it UTF-8; a byte that cannot be UTF-8 makes it Windows-1252, and every
 * byte before it was ASCII, which both decode alike. So the cells decoded before
 * the decision are the same as the whole-file rule gives (decodeBytes: UTF-8 when
 * every byte is, else Windows-1252 unless encodingChange finds a clean change).
 * Where one pass cannot give that rule's answer, the input is refused (`refusal`,
 * thrown by the reader at the end): a byte that cannot be UTF-8 after valid UTF-8
 * (the file rule then says MIXED_ENCODING, or Windows-1252 with the earlier UTF-8
 * read as Windows-1252), and a first sequence that is not UTF-8 but that
 * encodingChange's looser test takes for it (an overlong form or a surrogate).
 * Checks the strict UTF-8 of Node's isUtf8, byte by byte, across pieces.
 */
export class EncodingWatch {
  decoder: 'utf-8' | 'windows-1252' = 'utf-8';
  /** The first line with a byte that cannot be UTF-8, after line `utf8Line` held UTF-8; null while none. */
  refusal: { utf8Line: number; otherLine: number } | null = null;
  private line = 1;
  private utf8Line = 0;
  /** Decided for good (Windows-1252, or refused): no more bytes are looked at. */
  private settled = false;
  /** Continuation bytes still due in the sequence being read, and the range of the next one. */
  private need = 0;
  private low = 0x80;
  private high = 0xbf;
  /** The sequence being read started on this line. */
  private sequenceLine = 0;
  /** The input starts with a UTF-8 byte-order mark (set by chooseByteEncoding). */
  bom = false;

  /** The label of what was decided (FileSummary.encoding). */
  get label(): string {
    return this.decoder === 'windows-1252' ? 'windows-1252' : this.bom ? 'utf-8-bom' : 'utf-8';
  }

  /** Looks at bytes[from, to), the next bytes of the input; `atEnd`: none follow. */
  push(bytes: Uint8Array, from: number, to: number, atEnd: boolean): void {
    if (this.settled) return;
    for (let i = from; i < to; i++) {
      const b = bytes[i];
      if (this.need === 0) {
        if (b < 0x80) {
          if (b === 10) this.line++;
          continue;
        }
        this.sequenceLine = this.line;
        this.low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
        this.high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
        this.need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
        // A lead byte that no sequence starts with: not UTF-8 by either test.
        if (this.need === 0) this.notUtf8(false);
      } else if (b >= this.low && b <= this.high) {
        this.low = 0x80;
        this.high = 0xbf;
        if (--this.need === 0) this.utf8Line = this.sequenceLine;
      } else {
        // encodingChange's looser test takes any continuation byte (80–BF) after the lead.
        this.notUtf8(b >= 0x80 && b <= 0xbf);
        if (b === 10) this.line++;
      }
      if (this.settled) return;
    }
    if (atEnd && this.need > 0) this.notUtf8(false);
  }

  private notUtf8(looselyUtf8: boolean): void {
    this.settled = true;
    this.need = 0;
    if (this.utf8Line > 0 || looselyUtf8) this.refusal = { utf8Line: this.utf8Line || this.sequenceLine, otherLine: this.line };
    else this.decoder = 'windows-1252';
  }

  /** The refusal as the error the reader throws once it has read the input. */
  refusalError(name: string): InputError {
    const r = this.refusal as { utf8Line: number; otherLine: number };
    return new InputError(
      `${name}: the encoding changes inside the input: line ${r.utf8Line} is UTF-8, but line ${r.otherLine} is not ` +
        '(Windows-1252?). A pipe is read once, so its encoding is decided as it goes: save the input in one encoding, ' +
        'read it from a file, or choose one with --encoding',
      'MIXED_ENCODING',
    );
  }
}
