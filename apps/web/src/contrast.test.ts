import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blend, contrastRatio, parseHex, relativeLuminance, type Rgb } from './contrast.js';

const css = readFileSync(new URL('./styles.css', import.meta.url), 'utf8');

/** A `--name: #hex;` custom property of styles.css. */
function variable(name: string): Rgb {
  const match = new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{3,6});`).exec(css);
  if (!match?.[1]) throw new Error(`Expected --${name} in styles.css, found none.`);
  return parseHex(match[1]);
}

const WHITE = parseHex('#fff');
const AA_TEXT = 4.5;
const AA_NON_TEXT = 3;

describe('contrastRatio', () => {
  it('matches the WCAG definition', () => {
    // Black on white: (1 + 0.05) / (0 + 0.05) = 21. Same colour: 1.
    expect(contrastRatio(parseHex('#000'), WHITE)).toBeCloseTo(21, 10);
    expect(contrastRatio(parseHex('#777'), parseHex('#777'))).toBe(1);
    // #777: s = 119/255 = 0.46667, ((s + 0.055) / 1.055)^2.4 = 0.18447; (1.05) / (0.23447) = 4.478,
    // the well-known grey that just fails AA on white.
    expect(relativeLuminance(parseHex('#777'))).toBeCloseTo(0.18447, 4);
    expect(contrastRatio(parseHex('#777'), WHITE)).toBeCloseTo(4.478, 3);
    // Half-transparent black over white is mid grey 127.5.
    expect(blend(parseHex('#000'), 0.5, WHITE)).toEqual([127.5, 127.5, 127.5]);
    expect(() => parseHex('teal')).toThrow(/Expected a colour like #1a202c, received teal/);
  });
});

describe('the page colours (styles.css)', () => {
  const card = variable('card');
  const bg = variable('bg');
  const textPairs: Array<[string, Rgb, Rgb]> = [
    ['ink on card', variable('ink'), card],
    ['ink on page', variable('ink'), bg],
    ['muted on card', variable('muted'), card],
    ['muted on page (summary, status)', variable('muted'), bg],
    ['button text on accent', variable('accent-ink'), variable('accent')],
    ['accent on white (secondary buttons)', variable('accent'), WHITE],
    ['danger on its background (errors)', variable('danger'), variable('danger-bg')],
    ['danger on card (wrong digits)', variable('danger'), card],
    // The confusion matrix tints cells with accent / danger up to 0.6 alpha (confusion-matrix.ts).
    ['ink on the darkest correct cell', variable('ink'), blend(variable('accent'), 0.6, card)],
    ['ink on the darkest mistake cell', variable('ink'), blend(variable('danger'), 0.6, card)],
    // Chart.js draws tick labels and legends in its default #666.
    ['chart labels on card', parseHex('#666'), card],
  ];
  it.each(textPairs)('%s reaches AA 4.5:1 for text', (_, fg, back) => {
    expect(contrastRatio(fg, back)).toBeGreaterThanOrEqual(AA_TEXT);
  });

  it('the focus ring and the pad cursor stand out 3:1 (WCAG 1.4.11)', () => {
    expect(contrastRatio(variable('focus'), card)).toBeGreaterThanOrEqual(AA_NON_TEXT);
    expect(contrastRatio(variable('focus'), bg)).toBeGreaterThanOrEqual(AA_NON_TEXT);
  });
});
