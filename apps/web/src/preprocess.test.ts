import { describe, expect, it } from 'vitest';
import {
  centreOfMass,
  fitBox,
  inkBoundingBox,
  inkFromRgba,
  placeByCentreOfMass,
  toMnistImage,
  type InkImage,
} from './preprocess.js';

function blank(width: number, height: number): InkImage {
  return { data: new Float32Array(width * height), width, height };
}

function fill(image: InkImage, x: number, y: number, w: number, h: number, value = 1): void {
  const data = image.data as Float32Array;
  for (let j = y; j < y + h; j++) for (let i = x; i < x + w; i++) data[j * image.width + i] = value;
}

describe('inkFromRgba', () => {
  it('reads dark ink on light paper, transparent as paper', () => {
    // black opaque → 1; white → 0; transparent black → 0; grey 128 → 1 − 128/255 = 0.49804
    const rgba = [0, 0, 0, 255, 255, 255, 255, 255, 0, 0, 0, 0, 128, 128, 128, 255];
    const ink = inkFromRgba(rgba, 4, 1);
    expect(Array.from(ink.data)).toEqual([1, 0, 0, expect.closeTo(0.49804, 5)]);
  });
});

describe('inkBoundingBox', () => {
  it('spans the inked pixels and is null when blank', () => {
    const image = blank(10, 10);
    fill(image, 2, 3, 1, 1);
    fill(image, 5, 7, 1, 1);
    // x from 2 to 5 → width 4; y from 3 to 7 → height 5
    expect(inkBoundingBox(image)).toEqual({ x: 2, y: 3, width: 4, height: 5 });
    expect(inkBoundingBox(blank(5, 5))).toBeNull();
  });
});

describe('fitBox', () => {
  it('scales the longer side to the target, keeping the aspect', () => {
    const image = blank(40, 40);
    fill(image, 10, 0, 4, 40);
    // box 4×40, scale 20/40 = 0.5 → 2×20, each target pixel covers 2×2 inked pixels → 1
    const fitted = fitBox(image, { x: 10, y: 0, width: 4, height: 40 }, 20);
    expect([fitted.width, fitted.height]).toEqual([2, 20]);
    expect(Array.from(fitted.data).every((v) => v === 1)).toBe(true);
  });

  it('averages the covered area (anti-aliasing)', () => {
    const image = blank(2, 2);
    fill(image, 0, 0, 1, 1);
    fill(image, 1, 1, 1, 1);
    // a 2×2 checkerboard shrunk to one pixel: (1 + 0 + 0 + 1) / 4 = 0.5
    expect(Array.from(fitBox(image, { x: 0, y: 0, width: 2, height: 2 }, 1).data)).toEqual([0.5]);
  });
});

describe('centreOfMass and placement', () => {
  it('finds the ink-weighted centre of pixel centres', () => {
    const image = blank(5, 3);
    fill(image, 3, 1, 1, 1);
    expect(centreOfMass(image)).toEqual({ x: 3.5, y: 1.5 });
  });

  it('puts the centre of mass at (14, 14)', () => {
    const image = blank(2, 20);
    fill(image, 0, 0, 2, 20);
    // com (1, 10) → left = 14 − 1 = 13, top = 14 − 10 = 4: rows 4..23, columns 13..14
    const out = placeByCentreOfMass(image);
    expect(out[4 * 28 + 13]).toBe(1);
    expect(out[23 * 28 + 14]).toBe(1);
    expect(out[3 * 28 + 13]).toBe(0);
    expect(out[4 * 28 + 15]).toBe(0);
    expect(out.reduce((a, b) => a + b, 0)).toBe(40);
  });
});

describe('toMnistImage', () => {
  it('turns an off-centre vertical stroke into a centred 20-pixel-tall 1', () => {
    const image = blank(280, 280);
    fill(image, 30, 20, 20, 200);
    const out = toMnistImage(image);
    expect(out).not.toBeNull();
    const rows = Array.from({ length: 28 }, (_, y) => out!.slice(y * 28, y * 28 + 28).some((v) => v > 0));
    // 200 px tall → 20 rows, centred: rows 4..23
    expect(rows.indexOf(true)).toBe(4);
    expect(rows.lastIndexOf(true)).toBe(23);
    expect(centreOfMass({ data: out!, width: 28, height: 28 }).x).toBeCloseTo(14, 0);
    expect(toMnistImage(blank(28, 28))).toBeNull();
  });
});
