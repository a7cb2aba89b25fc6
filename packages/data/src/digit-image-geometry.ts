/** Ink per pixel (0 = background, larger = more ink), row-major. */
export interface InkPlane {
  data: Float32Array;
  width: number;
  height: number;
}

export interface InkBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** MNIST's frame, and the box its digits were scaled to fit. */
export const MNIST_SIDE = 28;
export const MNIST_FIT = 20;

/** The smallest box holding every pixel above `threshold` × the brightest ink, or undefined when blank. */
export function inkBox(ink: InkPlane, threshold: number): InkBox | undefined {
  let max = 0;
  for (const v of ink.data) if (v > max) max = v;
  if (max <= 0) return undefined;
  const cut = max * threshold;
  let x0 = ink.width, y0 = ink.height, x1 = -1, y1 = -1;
  for (let y = 0; y < ink.height; y++) {
    for (let x = 0; x < ink.width; x++) {
      if (ink.data[y * ink.width + x]! <= cut) continue;
      x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
    }
  }
  return x1 < 0 ? undefined : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/**
 * Resamples `box` so its longer side is `size` pixels (aspect kept), each target pixel the mean
 * of the source area it covers: a box filter, which anti-aliases as MNIST's downscaling did.
 */
export function fitBox(ink: InkPlane, box: InkBox, size: number): InkPlane {
  const scale = size / Math.max(box.width, box.height);
  const width = Math.max(1, Math.round(box.width * scale));
  const height = Math.max(1, Math.round(box.height * scale));
  const sx = box.width / width;
  const sy = box.height / height;
  const data = new Float32Array(width * height);
  for (let ty = 0; ty < height; ty++) {
    for (let tx = 0; tx < width; tx++) {
      let sum = 0, area = 0;
      for (let y = Math.floor(ty * sy); y < Math.min(box.height, Math.ceil((ty + 1) * sy)); y++) {
        const wy = Math.min(y + 1, (ty + 1) * sy) - Math.max(y, ty * sy);
        for (let x = Math.floor(tx * sx); x < Math.min(box.width, Math.ceil((tx + 1) * sx)); x++) {
          const wx = Math.min(x + 1, (tx + 1) * sx) - Math.max(x, tx * sx);
          sum += ink.data[(box.y + y) * ink.width + box.x + x]! * wx * wy;
          area += wx * wy;
        }
      }
      data[ty * width + tx] = area > 0 ? sum / area : 0;
    }
  }
  return { data, width, height };
}

/**
 * Pastes `ink` into the 28×28 frame so that its centre of mass, in pixel indices, lands on
 * pixel 14: where it is for every MNIST digit (the test set's lies in [13.5, 14.5) on both axes).
 * An exact half-pixel tie rounds the shift down; the ink is kept inside the frame.
 */
export function placeByCentreOfMass(ink: InkPlane): Float32Array {
  let mass = 0, cx = 0, cy = 0;
  for (let y = 0; y < ink.height; y++) {
    for (let x = 0; x < ink.width; x++) {
      const v = ink.data[y * ink.width + x]!;
      mass += v; cx += v * x; cy += v * y;
    }
  }
  const centre = MNIST_SIDE / 2;
  // ceil(s − 0.5) rounds s to the nearest integer, a tie downwards.
  const shift = (c: number, span: number) => Math.min(Math.max(Math.ceil(centre - c - 0.5), 0), MNIST_SIDE - span);
  const left = shift(mass > 0 ? cx / mass : (ink.width - 1) / 2, ink.width);
  const top = shift(mass > 0 ? cy / mass : (ink.height - 1) / 2, ink.height);
  const out = new Float32Array(MNIST_SIDE * MNIST_SIDE);
  for (let y = 0; y < ink.height; y++) {
    for (let x = 0; x < ink.width; x++) out[(top + y) * MNIST_SIDE + left + x] = ink.data[y * ink.width + x]!;
  }
  return out;
}
