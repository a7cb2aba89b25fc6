import type { GrayImage } from './decode-image.js';

/**
 * Turns a digit photo or drawing into an MNIST sample (28×28, white ink on black, 0–255),
 * the way MNIST itself was made: ink brighter than paper (a light background, judged from
 * the border, is inverted), cropped to the ink, scaled so its longer side is 20 pixels
 * (area averaging), and placed so that its centre of mass is the centre of the 28×28 frame.
 */
export function toMnistDigit(image: GrayImage): Float32Array {
  const ink = asInk(image);
  const box = inkBox(ink, image.width, image.height);
  if (!box) return new Float32Array(28 * 28); // a blank image stays blank
  const scale = 20 / Math.max(box.w, box.h);
  const w = Math.max(1, Math.round(box.w * scale));
  const h = Math.max(1, Math.round(box.h * scale));
  const small = resizeArea(ink, image.width, box, w, h);
  return centreOfMassPlace(small, w, h);
}

function asInk({ width, height, pixels }: GrayImage): Float32Array {
  let border = 0;
  let count = 0;
  for (let x = 0; x < width; x++) {
    border += pixels[x]! + pixels[(height - 1) * width + x]!;
    count += 2;
  }
  for (let y = 0; y < height; y++) {
    border += pixels[y * width]! + pixels[y * width + width - 1]!;
    count += 2;
  }
  const invert = border / count > 127.5;
  return pixels.map((p) => (invert ? 255 - p : p));
}

type Box = { x: number; y: number; w: number; h: number };

/** The bounding box of pixels clearly above the background (a fifth of the brightest). */
function inkBox(ink: Float32Array, width: number, height: number): Box | undefined {
  const threshold = Math.max(...ink) * 0.2;
  let x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x]! > threshold && threshold > 0) {
        x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
      }
    }
  }
  return x1 < 0 ? undefined : { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

/** Area-averaging resize of the box to w×h (each output pixel averages the source area it covers). */
function resizeArea(src: Float32Array, width: number, box: Box, w: number, h: number): Float32Array {
  const out = new Float32Array(w * h);
  const sx = box.w / w;
  const sy = box.h / h;
  for (let oy = 0; oy < h; oy++) {
    for (let ox = 0; ox < w; ox++) {
      let sum = 0, area = 0;
      for (let y = Math.floor(oy * sy); y < Math.min(box.h, Math.ceil((oy + 1) * sy)); y++) {
        const wy = Math.min(y + 1, (oy + 1) * sy) - Math.max(y, oy * sy);
        for (let x = Math.floor(ox * sx); x < Math.min(box.w, Math.ceil((ox + 1) * sx)); x++) {
          const wx = Math.min(x + 1, (ox + 1) * sx) - Math.max(x, ox * sx);
          sum += src[(box.y + y) * width + box.x + x]! * wx * wy;
          area += wx * wy;
        }
      }
      out[oy * w + ox] = area > 0 ? sum / area : 0;
    }
  }
  return out;
}

function centreOfMassPlace(small: Float32Array, w: number, h: number): Float32Array {
  let mass = 0, cx = 0, cy = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = small[y * w + x]!;
      mass += v; cx += v * x; cy += v * y; // MNIST puts this (pixel-index) centre at 14, 14
    }
  }
  const dx = Math.round(14 - (mass > 0 ? cx / mass : (w - 1) / 2));
  const dy = Math.round(14 - (mass > 0 ? cy / mass : (h - 1) / 2));
  const out = new Float32Array(28 * 28);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const tx = x + dx, ty = y + dy;
      if (tx >= 0 && tx < 28 && ty >= 0 && ty < 28) out[ty * 28 + tx] = small[y * w + x]!;
    }
  }
  return out;
}
