import { inkFromRgba, type InkImage } from './preprocess.js';

export interface DrawPadOptions {
  canvas: HTMLCanvasElement;
  /** Called (at most once per animation frame) after the drawing changed. */
  onChange: (ink: InkImage | null) => void;
  /** Stroke width in canvas pixels; 20 on a 280-pixel pad is MNIST's stroke after scaling. */
  lineWidth?: number;
}

/**
 * A drawing pad on a canvas, driven by pointer events (mouse, touch and pen alike). Dark
 * strokes on white paper; `ink()` reads the pixels back for preprocessing.
 */
export class DrawPad {
  private readonly canvas: HTMLCanvasElement;
  private readonly context: CanvasRenderingContext2D;
  private readonly onChange: DrawPadOptions['onChange'];
  private last: { x: number; y: number } | null = null;
  private empty = true;
  private frame = 0;

  constructor(options: DrawPadOptions) {
    this.canvas = options.canvas;
    const context = this.canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('Expected a 2D canvas context for the drawing pad, received none.');
    this.context = context;
    this.onChange = options.onChange;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.lineWidth = options.lineWidth ?? 20;
    context.strokeStyle = '#000';
    context.fillStyle = '#000';
    this.paintPaper();
    this.listen();
  }

  clear(): void {
    this.paintPaper();
    this.empty = true;
    this.onChange(null);
  }

  /** Ink intensities of the pad, or null when nothing is drawn. */
  ink(): InkImage | null {
    if (this.empty) return null;
    const { width, height } = this.canvas;
    return inkFromRgba(this.context.getImageData(0, 0, width, height).data, width, height);
  }

  private paintPaper(): void {
    this.context.save();
    this.context.fillStyle = '#fff';
    this.context.fillRect(0, 0, this.canvas.width, this.canvas.height);
    this.context.restore();
  }

  private listen(): void {
    const c = this.canvas;
    c.addEventListener('pointerdown', (e) => {
      c.setPointerCapture(e.pointerId);
      this.last = this.toCanvas(e);
      this.dot(this.last);
      e.preventDefault();
    });
    c.addEventListener('pointermove', (e) => {
      if (!this.last) return;
      const point = this.toCanvas(e);
      this.line(this.last, point);
      this.last = point;
      e.preventDefault();
    });
    const end = () => (this.last = null);
    c.addEventListener('pointerup', end);
    c.addEventListener('pointercancel', end);
    c.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' || e.key === 'Delete' || e.key === 'Backspace') this.clear();
    });
  }

  private toCanvas(e: PointerEvent): { x: number; y: number } {
    const rect = this.canvas.getBoundingClientRect();
    return {
      x: ((e.clientX - rect.left) / rect.width) * this.canvas.width,
      y: ((e.clientY - rect.top) / rect.height) * this.canvas.height,
    };
  }

  private dot(p: { x: number; y: number }): void {
    this.context.beginPath();
    this.context.arc(p.x, p.y, this.context.lineWidth / 2, 0, 2 * Math.PI);
    this.context.fill();
    this.changed();
  }

  private line(a: { x: number; y: number }, b: { x: number; y: number }): void {
    this.context.beginPath();
    this.context.moveTo(a.x, a.y);
    this.context.lineTo(b.x, b.y);
    this.context.stroke();
    this.changed();
  }

  private changed(): void {
    this.empty = false;
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.onChange(this.ink());
    });
  }
}
