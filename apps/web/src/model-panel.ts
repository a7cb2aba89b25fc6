import { byId } from './dom.js';
import { loadFromFiles, saveH5, saveOnnxInt8, saveTfjs, saveTfjsUint8 } from './model-files.js';
import type { AppState } from './state.js';

/** Save (download .h5 or tfjs) and load (upload .h5, .keras or model.json + weights). */
export class ModelPanel {
  private readonly saveH5Button = byId('save-h5', HTMLButtonElement);
  private readonly saveTfjsButton = byId('save-tfjs', HTMLButtonElement);
  private readonly saveOnnxButton = byId('save-onnx', HTMLButtonElement);
  private readonly saveTfjsUint8Button = byId('save-tfjs-uint8', HTMLButtonElement);
  private readonly upload = byId('model-upload', HTMLInputElement);
  private readonly status = byId('model-status', HTMLParagraphElement);
  private readonly summary = byId('model-summary', HTMLPreElement);

  constructor(
    private readonly state: AppState,
    private readonly onLoaded: () => void,
  ) {
    this.saveH5Button.addEventListener('click', () => void this.save('.h5', saveH5));
    this.saveTfjsButton.addEventListener('click', () => void this.save('tfjs', saveTfjs));
    this.saveOnnxButton.addEventListener('click', () => void this.save('ONNX int8', saveOnnxInt8));
    this.saveTfjsUint8Button.addEventListener('click', () => void this.save('tfjs uint8', saveTfjsUint8));
    this.upload.addEventListener('change', () => void this.load());
  }

  refresh(): void {
    const { model, busy } = this.state;
    this.saveH5Button.disabled = !model || busy;
    this.saveTfjsButton.disabled = !model || busy;
    this.saveOnnxButton.disabled = !model || busy;
    this.saveTfjsUint8Button.disabled = !model || busy;
    this.upload.disabled = busy;
    this.summary.textContent = model ? model.summary({ print: false }) : '';
    if (model) this.status.textContent = `Current model: ${this.state.modelOrigin}. Draw a digit, train it further, or download it.`;
  }

  private async save(kind: string, save: (model: NonNullable<AppState['model']>) => Promise<number | void>): Promise<void> {
    if (!this.state.model) return;
    try {
      const bytes = await save(this.state.model);
      this.status.textContent = typeof bytes === 'number'
        ? `Saved the model (${kind}, ${(bytes / 1024).toFixed(1)} KB).`
        : `Saved the model (${kind}).`;
    } catch (error) {
      this.state.errors.show(`Saving the model (${kind}) failed`, error);
    }
  }

  private async load(): Promise<void> {
    const files = Array.from(this.upload.files ?? []);
    this.upload.value = '';
    if (files.length === 0) return;
    const names = files.map((f) => f.name).join(', ');
    this.status.textContent = `Loading ${names}…`;
    this.state.errors.clear();
    try {
      const model = await loadFromFiles(files);
      // Shipped files (the uint8 tfjs download) keep no compile settings: compile as the lecture does, to evaluate.
      if (!model.optimizer) model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
      this.state.model?.dispose();
      this.state.model = model;
      this.state.modelOrigin = `loaded from ${names} (${model.layers.length} layers)`;
      this.status.dataset.loaded = 'true';
      this.onLoaded();
    } catch (error) {
      delete this.status.dataset.loaded;
      this.status.textContent = `Could not load ${names}.`;
      this.state.errors.show(`Loading ${names} failed`, error);
    }
  }
}
