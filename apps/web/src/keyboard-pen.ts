import type { DrawPad, Point } from './draw-pad.js';

export interface KeyboardPenOptions {
  pad: DrawPad;
  /** Said to assistive technology when the pen goes up or down or the pad is cleared. */
  announce: (text: string) => void;
  /** Canvas pixels per arrow press; 14 makes 20 steps across a 280-pixel pad. */
  step?: number;
}

const MOVES: Record<string, Point> = {
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
};
const CLEAR_KEYS = new Set(['Escape', 'Delete', 'Backspace']);

/**
 * Drawing from the keyboard: arrow keys move a pen cursor shown on the pad, Space lowers or
 * lifts the pen, Shift+arrow draws while moving with the pen up, Escape / Delete / Backspace
 * clear. The cursor shows while the pad has keyboard focus and hides on pointer input.
 */
export class KeyboardPen {
  private readonly pad: DrawPad;
  private readonly announce: KeyboardPenOptions['announce'];
  private readonly step: number;
  private position: Point;
  private down = false;

  constructor(options: KeyboardPenOptions) {
    this.pad = options.pad;
    this.announce = options.announce;
    this.step = options.step ?? 14;
    const { width, height } = this.pad.canvas;
    this.position = { x: width / 2, y: height / 2 };
    this.listen();
  }

  private listen(): void {
    const c = this.pad.canvas;
    c.addEventListener('keydown', (e) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (this.handle(e.key, e.shiftKey)) e.preventDefault();
    });
    c.addEventListener('focus', () => {
      if (c.matches(':focus-visible')) this.show(true);
    });
    c.addEventListener('blur', () => this.show(false));
    c.addEventListener('pointerdown', () => this.show(false));
  }

  /** Acts on one key; true when the key was the pen's (so the page must not scroll). */
  private handle(key: string, shift: boolean): boolean {
    const move = MOVES[key];
    if (move) {
      this.moveBy(move, shift);
    } else if (key === ' ') {
      this.setDown(!this.down);
    } else if (CLEAR_KEYS.has(key)) {
      this.pad.clear();
      this.setDown(false, 'Pad cleared, pen up');
    } else {
      return false;
    }
    this.show(true);
    return true;
  }

  private moveBy(direction: Point, shift: boolean): void {
    const { width, height } = this.pad.canvas;
    const from = this.position;
    const to = {
      x: clamp(from.x + direction.x * this.step, 0, width),
      y: clamp(from.y + direction.y * this.step, 0, height),
    };
    this.position = to;
    if (this.down || shift) this.pad.line(from, to);
  }

  private setDown(down: boolean, message = down ? 'Pen down: arrow keys draw' : 'Pen up: arrow keys move'): void {
    this.down = down;
    if (down) this.pad.dot(this.position);
    this.announce(message);
  }

  private show(shown: boolean): void {
    this.pad.showCursor(shown ? { ...this.position, down: this.down } : null);
  }
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
