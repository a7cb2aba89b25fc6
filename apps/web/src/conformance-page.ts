import './styles.css';
import { conformanceCases, formatConformanceReport, runBackendConformance, type ConformanceReport } from '@neuralkit/testing';
import './backends.js';
import { byId } from './dom.js';
import { layerConformanceCases } from './layer-conformance-cases.js';

/**
 * Runs the conformance suite of @neuralkit/testing, then the convolutional layers' forward and
 * backward passes, in this page; `?backend=wasm` picks another backend.
 */
const select = byId('conformance-backend', HTMLSelectElement);
const report = byId('conformance-report', HTMLPreElement);

async function run(backend: string): Promise<ConformanceReport | undefined> {
  report.textContent = `Running on ${backend}…`;
  delete report.dataset.passed;
  try {
    const result = await runBackendConformance({ backend, reference: 'cpu', cases: [...conformanceCases, ...layerConformanceCases] });
    report.textContent = formatConformanceReport(result);
    report.dataset.passed = String(result.passed);
    return result;
  } catch (error) {
    report.textContent = `The conformance run on ${backend} failed: ${error instanceof Error ? error.message : String(error)}`;
    report.dataset.passed = 'false';
    return undefined;
  }
}

select.value = new URLSearchParams(location.search).get('backend') ?? 'webgl';
byId('conformance-run', HTMLButtonElement).addEventListener('click', () => void run(select.value));
const result = await run(select.value);
(globalThis as { conformanceReport?: ConformanceReport }).conformanceReport = result;
