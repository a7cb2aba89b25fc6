import { InvalidArgumentError } from '@neuralkit/core';
import { fitBox, inkBox, MNIST_FIT, placeByCentreOfMass, type InkPlane } from './digit-image-geometry.js';

/**
 * Pixels of any size, row-major, 0–255, with 1 (gray), 3 (RGB) or 4 (RGBA) channels, told apart
 * by `data.length / (width * height)`. A canvas `ImageData` and a decoded PNG/JPEG fit as they are.
 */
export interface PixelImage {
  readonly data: ArrayLike<number>;
  readonly width: number;
  readonly height: number;
}

/** Which way round the ink is: `'auto'` judges by the border, paper being what surrounds the digit. */
export type DigitPolarity = 'auto' | 'dark-on-light' | 'light-on-dark';

export interface DigitImageOptions {
  /** Default `'auto'`: a border brighter than mid-gray means dark ink on light paper, which is inverted. */
  polarity?: DigitPolarity;
  /** A pixel is ink for the crop above this fraction of the brightest ink; default 0.2 (ignores paper grain). */
  inkThreshold?: number;
}

const POLARITIES: readonly DigitPolarity[] = ['auto', 'dark-on-light', 'light-on-dark'];

/**
 * Turns a digit drawing or photo into an MNIST sample the way MNIST was made: white ink on black,
 * cropped to the ink, scaled (aspect kept, area-averaged) so its longer side is 20 pixels, and
 * placed in the 28×28 frame by its centre of mass. Returns 784 values, 0–1 (a blank image gives
 * zeros); `Uint8Array.from(out, (v) => Math.round(v * 255))` gives MNIST's bytes.
 */
export function digitImage(image: PixelImage, options: DigitImageOptions = {}): Float32Array {
  const { polarity = 'auto', inkThreshold = 0.2 } = options;
  if (!POLARITIES.includes(polarity)) {
    throw InvalidArgumentError.expected('`polarity`', `one of ${POLARITIES.map((p) => `'${p}'`).join(', ')}`, polarity);
  }
  if (!(inkThreshold >= 0 && inkThreshold < 1)) {
    throw InvalidArgumentError.expected('`inkThreshold`', 'a number in [0, 1)', inkThreshold);
  }
  const ink = toInk(grayOf(image), polarity);
  const box = inkBox(ink, inkThreshold);
  if (!box) return new Float32Array(28 * 28);
  const placed = placeByCentreOfMass(fitBox(ink, box, MNIST_FIT));
  for (let i = 0; i < placed.length; i++) placed[i] = Math.min(1, Math.max(0, placed[i]! / 255));
  return placed;
}

/** Gray levels 0–255: ITU-R BT.601 luma, composited over white paper by alpha. */
function grayOf({ data, width, height }: PixelImage): InkPlane {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw InvalidArgumentError.expected('image size', 'positive integer `width` and `height`', { width, height });
  }
  const channels = data.length / (width * height);
  if (channels !== 1 && channels !== 3 && channels !== 4) {
    throw InvalidArgumentError.expected(
      'image `data`',
      `1, 3 or 4 values per pixel (${width * height}, ${3 * width * height} or ${4 * width * height} for ${width}×${height})`,
      `${data.length} values`,
    );
  }
  const gray = new Float32Array(width * height);
  for (let i = 0; i < gray.length; i++) {
    if (channels === 1) {
      gray[i] = data[i]!;
      continue;
    }
    const o = channels * i;
    const luma = 0.299 * data[o]! + 0.587 * data[o + 1]! + 0.114 * data[o + 2]!;
    const alpha = channels === 4 ? data[o + 3]! / 255 : 1;
    gray[i] = luma * alpha + 255 * (1 - alpha); // transparent is paper
  }
  return { data: gray, width, height };
}

/** Ink brighter than paper, as in MNIST: inverts dark-on-light images. */
function toInk(gray: InkPlane, polarity: DigitPolarity): InkPlane {
  const invert = polarity === 'auto' ? borderMean(gray) > 127.5 : polarity === 'dark-on-light';
  if (invert) for (let i = 0; i < gray.data.length; i++) gray.data[i] = 255 - gray.data[i]!;
  return gray;
}

function borderMean({ data, width, height }: InkPlane): number {
  let sum = 0;
  for (let x = 0; x < width; x++) sum += data[x]! + data[(height - 1) * width + x]!;
  for (let y = 0; y < height; y++) sum += data[y * width]! + data[y * width + width - 1]!;
  return sum / (2 * width + 2 * height);
}
