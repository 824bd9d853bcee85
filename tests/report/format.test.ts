import { describe, expect, it } from 'vitest';
import { formatCount, formatNumber, formatP, formatPercent, THIN_SPACE } from '../../src/report/format.js';
import { colourLevel } from '../../src/report/colour.js';

describe('number formats', () => {
  it('English uses a decimal point and comma thousands', () => {
    expect(formatNumber(12345.678, 1, 'en')).toBe('12,345.7');
    expect(formatNumber(-0.04, 1, 'en')).toBe('0.0');
    expect(formatNumber(-18.66, 1, 'en')).toBe('-18.7');
  });
  it('Bokmål and Nynorsk use a decimal comma, thin-space thousands and U+2212 minus', () => {
    expect(formatNumber(2455, 0, 'nb')).toBe(`2${THIN_SPACE}455`);
    expect(formatNumber(1234567.25, 2, 'nn')).toBe(`1${THIN_SPACE}234${THIN_SPACE}567,25`);
    expect(formatNumber(-18.66, 1, 'nb')).toBe('\u221218,7');
  });
  it('p-values as reports print them', () => {
    expect(formatP(0.0342, 'en')).toBe('p = 0.034');
    expect(formatP(0.00099, 'en')).toBe('p < 0.001');
    expect(formatP(1e-300, 'nb')).toBe('p < 0,001');
    expect(formatP(0.5, 'nn')).toBe('p = 0,500');
    expect(formatP(null, 'en')).toBe('–');
  });
  it('suppressed values print as ":"', () => {
    expect(formatCount(null, 'en')).toBe(':');
    expect(formatPercent(null, 'nb')).toBe(':');
    expect(formatPercent(0.2714, 'nb')).toBe('27,1');
  });
});

describe('colour level', () => {
  const tty = { isTTY: true, format: 'text' };
  it('is off when not on a TTY, with NO_COLOR, TERM=dumb, or for machine formats', () => {
    expect(colourLevel({ env: {}, isTTY: false, format: 'text' })).toBe(0);
    expect(colourLevel({ env: { NO_COLOR: '1' }, ...tty })).toBe(0);
    expect(colourLevel({ env: { TERM: 'dumb' }, ...tty })).toBe(0);
    for (const format of ['json', 'csv', 'md', 'html']) expect(colourLevel({ env: { FORCE_COLOR: '3' }, isTTY: true, format })).toBe(0);
  });
  it('is on for a TTY, and FORCE_COLOR wins over NO_COLOR and pipes', () => {
    expect(colourLevel({ env: {}, ...tty })).toBe(1);
    expect(colourLevel({ env: { TERM: 'xterm-256color' }, ...tty })).toBe(2);
    expect(colourLevel({ env: { FORCE_COLOR: '1' }, isTTY: false, format: 'text' })).toBe(1);
    expect(colourLevel({ env: { FORCE_COLOR: '0' }, ...tty })).toBe(0);
    expect(colourLevel({ env: { FORCE_COLOR: '2', NO_COLOR: '1' }, isTTY: false, format: 'text' })).toBe(2);
  });
});
