import fc from 'fast-check';

/** Values a hostile config puts where a size, a name or a list belongs. */
const HOSTILE: readonly unknown[] = [
  1e9, -1, 0, 2.5, null, 'NaN', '10', true, [], {}, [1e9, 1e9], [-1], 'x'.repeat(10_000),
  { __proto__: { polluted: true } }, { constructor: { prototype: { polluted: true } } },
  Number.MAX_SAFE_INTEGER, 2 ** 32, '__proto__', { class_name: 'Lambda', config: {} },
];

/** Every path to a value in a JSON document, objects and arrays included. */
function paths(value: unknown, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(prefix);
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) paths(child, [...prefix, Array.isArray(value) ? Number(key) : key], out);
  }
  return out;
}

function replaceAt(doc: unknown, path: Array<string | number>, value: unknown, key?: string): unknown {
  if (path.length === 0) return value;
  if (doc === null || typeof doc !== 'object') return doc;
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let parent = copy;
  for (const step of path.slice(0, -1)) {
    const next = parent[step];
    // An earlier edit replaced part of this path: nothing left to edit here.
    if (next === null || typeof next !== 'object') return copy;
    parent = next as Record<string | number, unknown>;
  }
  const last = path.at(-1)!;
  if (key !== undefined && !Array.isArray(parent)) {
    // Adds a hostile key beside the value (JSON.parse makes `__proto__` an own key, so do the same).
    Object.defineProperty(parent, key, { value, enumerable: true, configurable: true, writable: true });
  } else {
    parent[last] = value;
  }
  return copy;
}

/** A JSON document with one to three values replaced by hostile ones (or hostile keys added). */
export function mutatedJson(doc: unknown): fc.Arbitrary<string> {
  const all = paths(doc);
  const edit = fc.record({
    path: fc.integer({ min: 0, max: all.length - 1 }),
    value: fc.oneof(fc.constantFrom(...HOSTILE), fc.jsonValue({ maxDepth: 2 })),
    key: fc.option(fc.constantFrom('__proto__', 'constructor', 'prototype', 'units', 'class_name'), { freq: 4 }),
  });
  return fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) =>
    JSON.stringify(edits.reduce<unknown>((d, e) => replaceAt(d, all[e.path] ?? [], e.value, e.key ?? undefined), doc)),
  );
}
