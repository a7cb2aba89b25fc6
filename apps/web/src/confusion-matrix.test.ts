import { describe, expect, it } from 'vitest';
import { confusionCounts } from './confusion-matrix.js';
import { galleryIndices } from './gallery.js';

describe('confusionCounts', () => {
  it('counts (true, predicted) pairs, ignoring out-of-range classes', () => {
    // pairs: (0,0) (1,1) (1,2) (2,2) (2,2) and (1,7) outside 3 classes
    const counts = confusionCounts([0, 1, 1, 2, 2, 1], [0, 1, 2, 2, 2, 7], 3);
    expect(counts).toEqual([
      [1, 0, 0],
      [0, 1, 1],
      [0, 0, 2],
    ]);
  });
});

describe('galleryIndices', () => {
  it('takes the first 32 digits, then up to 16 later mistakes', () => {
    const labels = new Array<number>(100).fill(3);
    const predicted = labels.map((v, i) => (i === 5 || i === 40 || i === 77 ? 4 : v));
    const indices = galleryIndices(labels, predicted);
    // 0..31, then the mistakes after 31: 40 and 77 (5 is already shown)
    expect(indices).toEqual([...Array.from({ length: 32 }, (_, i) => i), 40, 77]);
  });
});
