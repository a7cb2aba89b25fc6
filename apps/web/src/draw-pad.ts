import type { PixelImage } from '@neuralkit/data';

export interface DrawPadOptions {
  canvas: HTMLCanvasElement;
  /** Called (at most once per animation frame) after the drawing changed. */
  onChange: (image: PixelImage | null) => void;
  /** Stroke width in canvas pixels; 20 on a 280-pixel pad is MNIST's stroke after scaling. */
  lineWidth?: number;
}

export interface Point {
  x: number;
  y: number;
}

/** The keyboard pen's cursor: where it is, and whether it is drawing. */
export interface PenCursor extends Point {
  down: boolean;
}

const CURSOR_COLOUR = '#c2410c';

/**
 * A drawing pad on a canvas, driven by pointer events (mouse, touch and pen alike) or by
 * `dot` / `line` calls (the keyboard pen). Dark strokes on white paper. The strokes live on an
 * off-screen paper so that the keyboard cursor drawn over them never reaches `ink()`.
 */
export class DrawPad {
  readonly canvas: HTMLCanvasElement;
  private readonly screen: CanvasRenderingContext2D;
  private readonly paper: CanvasRenderingContext2D;
  private readonly onChange: DrawPadOptions['onChange'];
  private last: Point | null = null;
  private cursor: PenCursor | null = null;
  private empty = true;
  private frame = 0;

  constructor(options: DrawPadOptions) {
    this.canvas = options.canvas;
    const sheet = document.createElement('canvas');
    sheet.width = this.canvas.width;
    sheet.height = this.canvas.height;
    this.screen = context2d(this.canvas);
    this.paper = context2d(sheet);
    this.onChange = options.onChange;
    const p = this.paper;
    p.lineCap = 'round';
    p.lineJoin = 'round';
    p.lineWidth = options.lineWidth ?? 20;
    p.strokeStyle = '#000';
    p.fillStyle = '#000';
    this.paintPaper();
    this.listen();
  }

  get lineWidth(): number {
    return this.paper.lineWidth;
  }

  clear(): void {
    this.paintPaper();
    this.empty = true;
    this.onChange(null);
  }

  /** The drawing's RGBA pixels (dark on white), or null when nothing is drawn. */
  ink(): PixelImage | null {
    if (this.empty) return null;
    return this.paper.getImageData(0, 0, this.canvas.width, this.canvas.height);
  }

  /** Shows the keyboard pen's cursor over the drawing, or hides it (null). */
  showCursor(cursor: PenCursor | null): void {
    this.cursor = cursor;
    this.render();
  }

  dot(p: Point): void {
    this.paper.beginPath();
    this.paper.arc(p.x, p.y, this.paper.lineWidth / 2, 0, 2 * Math.PI);
    this.paper.fill();
    this.changed();
  }

  line(a: Point, b: Point): void {
    this.paper.beginPath();
    this.paper.moveTo(a.x, a.y);
    this.paper.lineTo(b.x, b.y);
    this.paper.stroke();
    this.changed();
  }

  private paintPaper(): void {
    this.paper.save();
    this.paper.fillStyle = '#fff';
    this.paper.fillRect(0, 0, this.canvas.width, this.canvas.height);
    this.paper.restore();
    this.render();
  }

  /** The paper, then the cursor: a ring the stroke's size, with a dot in it while the pen is down. */
  private render(): void {
    const s = this.screen;
    s.drawImage(this.paper.canvas, 0, 0);
    if (!this.cursor) return;
    const { x, y, down } = this.cursor;
    s.save();
    s.strokeStyle = CURSOR_COLOUR;
    s.fillStyle = CURSOR_COLOUR;
    s.lineWidth = 3;
    s.beginPath();
    s.arc(x, y, this.paper.lineWidth / 2 + 3, 0, 2 * Math.PI);
    s.stroke();
    if (down) {
      s.beginPath();
      s.arc(x, y, 4, 0, 2 * Math.PI);
      s.fill();
    }
    s.restore();
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
  }

  private toCanvas(e: PointerEvent): Point {
    const rect = this.canvas.getBoundingClientRect();
    return {
      x: ((e.clientX - rect.left) / rect.width) * this.canvas.width,
      y: ((e.clientY - rect.top) / rect.height) * this.canvas.height,
    };
  }

  private changed(): void {
    this.empty = false;
    this.render();
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.onChange(this.ink());
    });
  }
}

function context2d(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('Expected a 2D canvas context for the drawing pad, received none.');
  return context;
}
