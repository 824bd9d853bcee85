/**
 * Colour level for the terminal, worked out here because chalk 5 ignores NO_COLOR
 * and reads --color from process.argv by itself. 0 = none, 1 = 16 colours,
 * 2 = 256, 3 = truecolor. Only the text format on a TTY gets colour by default.
 */
export function colourLevel(options: { env: Record<string, string | undefined>; isTTY: boolean; format: string }): 0 | 1 | 2 | 3 {
  const { env, isTTY, format } = options;
  if (format !== 'text') return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    if (force === '' || force === 'true' || force === '1') return 1;
    if (force === '2') return 2;
    if (force === '3') return 3;
    return 1;
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (!isTTY || env.TERM === 'dumb') return 0;
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 3;
  if (env.TERM?.includes('256')) return 2;
  return 1;
}
