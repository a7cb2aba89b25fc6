/** A shape with `null` for unknown sizes (the batch axis), as Keras prints it. */
export type Shape = (number | null)[];

/** `[null, 784]` → `(None, 784)`, Keras's rendering. */
export function formatShape(shape: readonly (number | null)[]): string {
  const parts = shape.map((d) => (d === null ? 'None' : String(d)));
  return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`;
}

export function sizeOf(shape: readonly (number | null)[]): number {
  return shape.reduce<number>((n, d) => n * (d ?? 1), 1);
}
