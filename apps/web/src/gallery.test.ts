import { describe, expect, it } from 'vitest';
import { galleryIndices } from './gallery.js';

describe('galleryIndices', () => {
  it('takes the first 32 digits, then up to 16 later mistakes', () => {
    const labels = new Array<number>(100).fill(3);
    const predicted = labels.map((v, i) => (i === 5 || i === 40 || i === 77 ? 4 : v));
    const indices = galleryIndices(labels, predicted);
    // 0..31, then the mistakes after 31: 40 and 77 (5 is already shown)
    expect(indices).toEqual([...Array.from({ length: 32 }, (_, i) => i), 40, 77]);
  });
});
