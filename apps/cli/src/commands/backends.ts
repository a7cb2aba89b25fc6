import { AUTO_ORDER, type Backend } from '@neuralkit/core';
import pc from 'picocolors';
import type { Output } from '../output.js';

interface Row {
  name: string;
  available: boolean;
  reason?: string;
  auto: boolean;
}

async function adapters(): Promise<Backend[]> {
  const [cpu, wasm, webgl, cuda, webgpu] = await Promise.all([
    import('@neuralkit/backend-cpu'),
    import('@neuralkit/backend-wasm'),
    import('@neuralkit/backend-webgl'),
    import('@neuralkit/backend-cuda'),
    import('@neuralkit/backend-webgpu'),
  ]);
  return [cuda.cudaBackend(), wasm.wasmBackend(), cpu.cpuBackend(), webgpu.webgpuBackend(), webgl.webglBackend()];
}

/** `neuralkit backends`: every adapter, whether it can run here, and which 'auto' picks. */
export async function backendsCommand(out: Output): Promise<void> {
  const rows: Row[] = [];
  for (const backend of await adapters()) {
    const available = await backend.isAvailable().catch(() => false);
    const reason = available ? undefined : await backend.unavailableReason?.().catch(() => undefined);
    rows.push({ name: backend.name, available, auto: false, ...(reason ? { reason } : {}) });
  }
  const auto = AUTO_ORDER.node.find((name) => rows.some((r) => r.name === name && r.available));
  for (const row of rows) row.auto = row.name === auto;
  out.record({ backends: rows.map(({ name, available, reason }) => ({ name, available, ...(reason ? { reason } : {}) })), auto });
  if (out.json) return;
  out.say(`${pc.bold('backend')}  ${pc.bold('available')}  ${pc.bold('notes')}`);
  for (const row of rows) {
    const mark = row.available ? pc.green('yes') + '      ' : pc.red('no') + '       ';
    const note = row.auto ? "chosen by --backend auto" : row.available ? '' : firstSentence(row.reason);
    out.say(`${row.name.padEnd(7)}  ${mark}  ${note}`);
  }
  const help = rows.find((r) => r.name === 'cuda' && !r.available)?.reason;
  if (help) out.say(`\n${pc.dim(`cuda: ${help}`)}`);
}

function firstSentence(text: string | undefined): string {
  if (!text) return '';
  const end = text.search(/\.\s/);
  return end === -1 ? text : text.slice(0, end + 1);
}
