/**
 * Turns a drawing into an MNIST-like 28×28 image, as the MNIST digits were made: the ink's
 * bounding box is scaled (aspect kept) to fit a 20×20 box with anti-aliasing, then placed in a
 * 28×28 field so that its centre of mass sits at the centre. White ink on black, 0–1.
 */

/** Ink intensity per pixel, 0 (paper) to 1 (ink), row-major. */
export interface InkImage {
  data: ArrayLike<number>;
  width: number;
  height: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const MNIST_SIZE = 28;
export const MNIST_FIT = 20;
const INK_THRESHOLD = 0.05;

/** Ink from RGBA pixels of dark strokes on a light background: 1 − luminance. */
export function inkFromRgba(rgba: ArrayLike<number>, width: number, height: number): InkImage {
  const data = new Float32Array(width * height);
  for (let i = 0; i < data.length; i++) {
    const r = rgba[4 * i] ?? 255;
    const g = rgba[4 * i + 1] ?? 255;
    const b = rgba[4 * i + 2] ?? 255;
    const a = (rgba[4 * i + 3] ?? 255) / 255;
    // A transparent pixel is paper; luminance by ITU-R BT.601 weights.
    const luminance = (0.299 * r + 0.587 * g + 0.114 * b) / 255;
    data[i] = a * (1 - luminance);
  }
  return { data, width, height };
}

/** The smallest box holding every pixel with ink, or null for a blank image. */
export function inkBoundingBox(image: InkImage): Box | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if ((image.data[y * image.width + x] ?? 0) <= INK_THRESHOLD) continue;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }
  if (maxX < 0) return null;
  return { x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1 };
}

/**
 * Resamples `box` of `image` so its longer side becomes `size` pixels, averaging the area each
 * target pixel covers (a box filter, which anti-aliases like MNIST's scanner-then-resize).
 */
export function fitBox(image: InkImage, box: Box, size: number): InkImage {
  const scale = size / Math.max(box.width, box.height);
  const width = Math.max(1, Math.round(box.width * scale));
  const height = Math.max(1, Math.round(box.height * scale));
  const data = new Float32Array(width * height);
  for (let ty = 0; ty < height; ty++) {
    const y0 = box.y + ty / scale;
    const y1 = Math.min(box.y + box.height, box.y + (ty + 1) / scale);
    for (let tx = 0; tx < width; tx++) {
      const x0 = box.x + tx / scale;
      const x1 = Math.min(box.x + box.width, box.x + (tx + 1) / scale);
      data[ty * width + tx] = areaAverage(image, { x0, y0, x1, y1 });
    }
  }
  return { data, width, height };
}

/** Mean ink over a fractional rectangle, weighting each source pixel by the part covered. */
function areaAverage(image: InkImage, r: { x0: number; y0: number; x1: number; y1: number }): number {
  let sum = 0;
  let area = 0;
  for (let sy = Math.floor(r.y0); sy < Math.ceil(r.y1); sy++) {
    const wy = Math.min(sy + 1, r.y1) - Math.max(sy, r.y0);
    for (let sx = Math.floor(r.x0); sx < Math.ceil(r.x1); sx++) {
      const wx = Math.min(sx + 1, r.x1) - Math.max(sx, r.x0);
      sum += wx * wy * (image.data[sy * image.width + sx] ?? 0);
      area += wx * wy;
    }
  }
  return area > 0 ? sum / area : 0;
}

/** The ink-weighted mean position (pixel centres at +0.5). */
export function centreOfMass(image: InkImage): { x: number; y: number } {
  let total = 0;
  let sx = 0;
  let sy = 0;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const v = image.data[y * image.width + x] ?? 0;
      total += v;
      sx += v * (x + 0.5);
      sy += v * (y + 0.5);
    }
  }
  if (total === 0) return { x: image.width / 2, y: image.height / 2 };
  return { x: sx / total, y: sy / total };
}

/** Pastes `image` into a 28×28 field with its centre of mass at (14, 14), clipped to stay inside. */
export function placeByCentreOfMass(image: InkImage): Float32Array {
  const out = new Float32Array(MNIST_SIZE * MNIST_SIZE);
  const com = centreOfMass(image);
  const clamp = (v: number, span: number) => Math.min(Math.max(v, 0), MNIST_SIZE - span);
  const left = clamp(Math.round(MNIST_SIZE / 2 - com.x), image.width);
  const top = clamp(Math.round(MNIST_SIZE / 2 - com.y), image.height);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      out[(top + y) * MNIST_SIZE + left + x] = Math.min(1, image.data[y * image.width + x] ?? 0);
    }
  }
  return out;
}

/** The whole pipeline: 784 values in 0–1, white ink on black, or null when nothing is drawn. */
export function toMnistImage(image: InkImage): Float32Array | null {
  const box = inkBoundingBox(image);
  if (!box) return null;
  return placeByCentreOfMass(fitBox(image, box, MNIST_FIT));
}
