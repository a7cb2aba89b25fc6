import './styles.css';
import { backendAvailability } from './backends.js';
import { byId } from './dom.js';
import { DrawPanel } from './draw-panel.js';
import { ErrorView } from './error-view.js';
import { loadMnistAssets } from './mnist-assets.js';
import { ModelPanel } from './model-panel.js';
import { ResultsPanel } from './results-panel.js';
import type { AppState } from './state.js';
import { TrainPanel } from './train-panel.js';

const state: AppState = {
  data: null,
  model: null,
  modelOrigin: '',
  busy: false,
  errors: new ErrorView(byId('error', HTMLDivElement)),
  modelChanged: () => refreshAll(),
};
const results = new ResultsPanel();
const trainPanel = new TrainPanel(state, results);
const drawPanel = new DrawPanel(state);
const modelPanel = new ModelPanel(state, () => void modelLoaded());

function refreshAll(): void {
  trainPanel.refresh();
  modelPanel.refresh();
  drawPanel.refresh();
}

async function modelLoaded(): Promise<void> {
  trainPanel.offerToContinue();
  refreshAll();
  if (!state.data || !state.model?.optimizer) return;
  state.busy = true;
  try {
    await results.show(state.model, state.data);
  } catch (error) {
    state.errors.show('Evaluating the loaded model failed', error);
  } finally {
    state.busy = false;
    refreshAll();
  }
}

/** Marks unavailable backends in the select, with the reason, and activates the chosen one. */
async function startBackend(): Promise<void> {
  const select = byId('backend', HTMLSelectElement);
  for (const { name, reason } of await backendAvailability()) {
    const option = Array.from(select.options).find((o) => o.value === name);
    if (option && reason) {
      option.textContent = `${name} (unavailable: ${reason})`;
      option.disabled = true;
    }
  }
  const change = async () => {
    try {
      state.errors.clear();
      await trainPanel.switchBackend(select.value);
    } catch (error) {
      state.errors.show(`The ${select.value} backend could not start`, error);
    }
  };
  select.addEventListener('change', () => void change());
  await change();
}

/** `?testDigits=N` evaluates on the first N test digits: quicker on a slow GPU (a convnet on SwiftShader). */
function testDigitsParameter(): number | undefined {
  const value = Number(new URLSearchParams(location.search).get('testDigits'));
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

async function loadData(): Promise<void> {
  const progress = byId('data-progress', HTMLProgressElement);
  const status = byId('data-status', HTMLParagraphElement);
  try {
    state.data = await loadMnistAssets((fraction) => (progress.value = fraction), testDigitsParameter());
    progress.value = 1;
    status.textContent = `MNIST ready: ${state.data.train.length} training and ${state.data.test.length} test digits.`;
  } catch (error) {
    status.textContent = 'MNIST could not be loaded.';
    state.errors.show('Loading MNIST failed', error);
  }
}

await Promise.all([startBackend(), loadData()]);
refreshAll();
document.body.dataset.ready = 'true';
