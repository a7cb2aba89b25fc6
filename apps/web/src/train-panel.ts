import { setRandomSeed } from '@neuralkit/core';
import { activateBackend, describeBackend } from './backends.js';
import { buildModel, compileModel } from './build-model.js';
import { MetricChart } from './charts.js';
import { byId } from './dom.js';
import { takesClassIndices } from './evaluation.js';
import type { ResultsPanel } from './results-panel.js';
import { readSettings } from './settings.js';
import type { AppState } from './state.js';
import { stepsPerEpoch, train } from './training.js';

/** The training form: Train builds (or continues) a model, fits it live, then evaluates it. */
export class TrainPanel {
  private readonly form = byId('train-form', HTMLFormElement);
  private readonly trainButton = byId('train-button', HTMLButtonElement);
  private readonly stopButton = byId('stop-button', HTMLButtonElement);
  private readonly progress = byId('epoch-progress', HTMLParagraphElement);
  private readonly backendStatus = byId('backend-status', HTMLParagraphElement);
  private readonly continueBox = byId('continue-training', HTMLInputElement);
  readonly lossChart = new MetricChart(byId('loss-chart', HTMLCanvasElement), 'loss');
  readonly accuracyChart = new MetricChart(byId('accuracy-chart', HTMLCanvasElement), 'accuracy');

  constructor(
    private readonly state: AppState,
    private readonly results: ResultsPanel,
  ) {
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.run();
    });
    this.stopButton.addEventListener('click', () => {
      if (this.state.model) this.state.model.stopTraining = true;
      this.progress.textContent += ' · stopping…';
    });
  }

  /** Enables Train once data is loaded; offers to continue a model that was loaded. */
  refresh(): void {
    this.trainButton.disabled = this.state.busy || !this.state.data;
    this.continueBox.disabled = !this.state.model;
    if (!this.state.model) this.continueBox.checked = false;
  }

  offerToContinue(): void {
    this.continueBox.checked = true;
    this.refresh();
  }

  async switchBackend(choice: string): Promise<void> {
    const info = await activateBackend(choice);
    this.backendStatus.textContent = describeBackend(info);
    this.backendStatus.dataset.backend = info.name;
  }

  private async run(): Promise<void> {
    const { state } = this;
    if (state.busy || !state.data) return;
    state.errors.clear();
    this.setBusy(true);
    try {
      const settings = readSettings(this.form, state.data.train.length);
      await this.switchBackend(settings.backend);
      if (settings.seed !== undefined) setRandomSeed(settings.seed);
      const model = this.continueBox.checked && state.model ? state.model : buildModel(settings.architecture);
      const steps = stepsPerEpoch(settings.trainSize, settings.batchSize, settings.validationSplit);
      compileModel(model, settings, steps);
      const labelled = takesClassIndices(model) ? state.data : state.data.oneHot();
      const data = labelled.train.slice(0, settings.trainSize);
      if (model !== state.model) {
        state.model?.dispose();
        state.modelOrigin = 'trained in this page';
      } else if (!state.modelOrigin.endsWith('trained further')) {
        state.modelOrigin += ', trained further';
      }
      state.model = model;
      state.modelChanged();
      this.lossChart.reset();
      this.accuracyChart.reset();
      this.results.clear();
      await train({ model, data, epochs: settings.epochs, batchSize: settings.batchSize, validationSplit: settings.validationSplit, view: this.view() });
      this.progress.textContent += model.stopTraining ? ' · stopped' : ' · done';
      await this.results.show(model, state.data);
      this.continueBox.checked = true;
    } catch (error) {
      state.errors.show('Training failed', error);
    } finally {
      this.setBusy(false);
    }
  }

  private view() {
    return {
      batch: (readout: string, x: number, logs: Record<string, number>) => {
        this.progress.textContent = readout;
        this.lossChart.addTrain(x, logs.loss);
        this.accuracyChart.addTrain(x, logs.accuracy);
      },
      epoch: (readout: string, x: number, logs: Record<string, number>) => {
        this.progress.textContent = readout;
        this.lossChart.addValidation(x, logs.val_loss);
        this.accuracyChart.addValidation(x, logs.val_accuracy);
      },
    };
  }

  private setBusy(busy: boolean): void {
    this.state.busy = busy;
    this.stopButton.disabled = !busy;
    this.state.modelChanged();
  }
}
