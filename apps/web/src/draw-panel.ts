import { digitImage, type PixelImage } from '@neuralkit/data';
import { ProbabilityChart } from './charts.js';
import { byId } from './dom.js';
import { DrawPad } from './draw-pad.js';
import { predictImage } from './evaluation.js';
import { paintDigit } from './gallery.js';
import { KeyboardPen } from './keyboard-pen.js';
import type { AppState } from './state.js';

/** The drawing pad, what the model sees (28×28), its prediction and the ten probabilities. */
export class DrawPanel {
  private readonly prediction = byId('prediction', HTMLOutputElement);
  private readonly preview = byId('preview', HTMLCanvasElement);
  private readonly chart = new ProbabilityChart(byId('probability-chart', HTMLCanvasElement));
  private readonly pad: DrawPad;
  private pixels: Float32Array | null = null;
  private running = false;
  private again = false;

  constructor(private readonly state: AppState) {
    this.pad = new DrawPad({ canvas: byId('draw-canvas', HTMLCanvasElement), onChange: (ink) => this.changed(ink) });
    const penStatus = byId('pen-status', HTMLElement);
    new KeyboardPen({ pad: this.pad, announce: (text) => (penStatus.textContent = text) });
    byId('clear-button', HTMLButtonElement).addEventListener('click', () => this.pad.clear());
  }

  /** Predicts again with the current model (after training or loading). */
  refresh(): void {
    void this.predict();
  }

  private changed(image: PixelImage | null): void {
    this.pixels = image ? digitImage(image, { polarity: 'dark-on-light' }) : null;
    paintDigit(this.preview, this.pixels ?? new Float32Array(784), 255);
    void this.predict();
  }

  /** One prediction at a time; a drawing made meanwhile is predicted right after. */
  private async predict(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    const { model } = this.state;
    if (!this.pixels || !model || this.state.busy) {
      this.show(null, model ? '–' : 'train or load a model first');
      return;
    }
    this.running = true;
    try {
      this.show(await predictImage(model, this.pixels));
    } catch (error) {
      this.state.errors.show('Prediction failed', error);
    } finally {
      this.running = false;
    }
    if (this.again) {
      this.again = false;
      void this.predict();
    }
  }

  private show(probabilities: Float32Array | null, text = '–'): void {
    this.chart.show(probabilities);
    if (!probabilities) {
      this.setPrediction(text);
      return;
    }
    let best = 0;
    probabilities.forEach((p, i) => {
      if (p > (probabilities[best] ?? 0)) best = i;
    });
    this.setPrediction(String(best));
    this.prediction.title = `probability ${(probabilities[best] ?? 0).toFixed(3)}`;
  }

  /** Writes only a change, so the polite live region speaks once per new digit, not per frame. */
  private setPrediction(text: string): void {
    if (this.prediction.value !== text) this.prediction.value = text;
  }
}
