/** WCAG 2 contrast, to keep the page's text colours readable (AA: 4.5:1 for body text). */

export type Rgb = readonly [number, number, number];

/** `#rgb` or `#rrggbb` as 0–255 channels. */
export function parseHex(hex: string): Rgb {
  const digits = hex.replace(/^#/, '');
  const full = digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits;
  if (!/^[0-9a-f]{6}$/i.test(full)) throw new Error(`Expected a colour like #1a202c, received ${hex}.`);
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as unknown as Rgb;
}

/** WCAG relative luminance of an sRGB colour. */
export function relativeLuminance([r, g, b]: Rgb): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** (L1 + 0.05) / (L2 + 0.05) with L1 the lighter: 1 (same) to 21 (black on white). */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** `colour` at opacity `alpha` painted over `background`. */
export function blend(colour: Rgb, alpha: number, background: Rgb): Rgb {
  return colour.map((c, i) => c * alpha + (background[i] ?? 0) * (1 - alpha)) as unknown as Rgb;
}
