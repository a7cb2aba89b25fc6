import type { Group } from 'h5wasm';
import { DataFormatError } from '@neuralkit/core';

const decoder = new TextDecoder();

function asText(value: unknown, what: string, source: string): string {
  if (typeof value === 'string') return value.replace(/\0+$/, '');
  if (value instanceof Uint8Array) return decoder.decode(value).replace(/\0+$/, '');
  throw new DataFormatError(source, `attribute ${what}: expected a string, received ${typeof value}.`);
}

/** A scalar string attribute (fixed or variable length, ASCII or UTF-8), or undefined if absent. */
export function readStringAttribute(group: Group, name: string, source: string): string | undefined {
  const attrs = group.attrs;
  if (!(name in attrs)) return undefined;
  const value = attrs[name]?.value;
  const single = Array.isArray(value) && value.length === 1 ? value[0] : value;
  return asText(single, `\`${group.path}\` ${name}`, source);
}

function readOneList(group: Group, name: string, source: string): string[] {
  const value = group.attrs[name]?.value;
  const what = `\`${group.path}\` ${name}`;
  if (value === null || value === undefined) return [];
  // Keras writes an empty float64 array (`np.asarray([])`) for "no names".
  if (ArrayBuffer.isView(value) && !(value instanceof Uint8Array)) {
    if ((value as unknown as ArrayLike<number>).length === 0) return [];
    throw new DataFormatError(source, `attribute ${what}: expected a list of strings, received numbers.`);
  }
  if (Array.isArray(value)) return value.map((v) => asText(v, what, source));
  return [asText(value, what, source)];
}

/**
 * A string-list attribute such as `layer_names` or `weight_names`. Keras splits long lists over
 * numbered attributes (`layer_names0`, `layer_names1`, ...); they are joined back in order.
 */
export function readStringListAttribute(group: Group, name: string, source: string): string[] | undefined {
  const attrs = group.attrs;
  if (name in attrs) return readOneList(group, name, source);
  if (!(`${name}0` in attrs)) return undefined;
  const names: string[] = [];
  for (let chunk = 0; `${name}${chunk}` in attrs; chunk += 1) {
    names.push(...readOneList(group, `${name}${chunk}`, source));
  }
  return names;
}

/** Splits a list the way Keras does when its byte size passes the object-header limit. */
export function chunkForAttribute(names: readonly string[], limit: number): string[][] {
  const longest = Math.max(1, ...names.map((n) => new TextEncoder().encode(n).length));
  let chunks = 1;
  // numpy's nbytes of the largest piece: its length times the longest item.
  while (Math.ceil(names.length / chunks) * longest > limit && chunks < names.length) chunks += 1;
  if (chunks === 1) return [names.slice()];
  // numpy.array_split: the first (length % chunks) pieces get one extra element.
  const base = Math.floor(names.length / chunks);
  const extra = names.length % chunks;
  const out: string[][] = [];
  let start = 0;
  for (let i = 0; i < chunks; i += 1) {
    const size = base + (i < extra ? 1 : 0);
    out.push(names.slice(start, start + size));
    start += size;
  }
  return out;
}
