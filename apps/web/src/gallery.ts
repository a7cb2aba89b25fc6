export interface GalleryItem {
  /** 784 grey values, 0–255 or 0–1 (`scale` says which). */
  pixels: ArrayLike<number>;
  label: number;
  predicted: number;
}

/** Renders test digits as small canvases captioned with the prediction; mistakes outlined. */
export function renderGallery(container: HTMLElement, items: GalleryItem[], scale = 1): void {
  const figures = items.map((item) => {
    const figure = document.createElement('figure');
    figure.setAttribute('role', 'listitem');
    const wrong = item.label !== item.predicted;
    if (wrong) figure.classList.add('wrong');
    const canvas = document.createElement('canvas');
    canvas.width = 28;
    canvas.height = 28;
    canvas.setAttribute('aria-hidden', 'true');
    paintDigit(canvas, item.pixels, scale);
    const caption = document.createElement('figcaption');
    caption.textContent = wrong ? `${item.predicted} (is ${item.label})` : String(item.predicted);
    figure.setAttribute('aria-label', `digit ${item.label}, predicted ${item.predicted}${wrong ? ', wrong' : ''}`);
    figure.append(canvas, caption);
    return figure;
  });
  container.replaceChildren(...figures);
}

/** Paints 28×28 grey values (white on black, as MNIST) into a 28×28 canvas. */
export function paintDigit(canvas: HTMLCanvasElement, pixels: ArrayLike<number>, scale = 1): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  const image = context.createImageData(28, 28);
  for (let i = 0; i < 784; i++) {
    const v = Math.max(0, Math.min(255, Math.round((pixels[i] ?? 0) * scale)));
    image.data.set([v, v, v, 255], 4 * i);
  }
  context.putImageData(image, 0, 0);
}

const FIRST_DIGITS = 32;
const MISTAKES = 16;

/** The first test digits, then the first mistakes after them, so a gallery always shows some. */
export function galleryIndices(labels: ArrayLike<number>, predicted: ArrayLike<number>): number[] {
  const first = Array.from({ length: Math.min(FIRST_DIGITS, labels.length) }, (_, i) => i);
  const mistakes: number[] = [];
  for (let i = first.length; i < labels.length && mistakes.length < MISTAKES; i++) {
    if (labels[i] !== predicted[i]) mistakes.push(i);
  }
  return [...first, ...mistakes];
}
