import { DataFormatError, checkNoPrototypeKeys } from '@neuralkit/core';

/** Parses a JSON attribute that must hold an object (`model_config`, `training_config`, config.json). */
export function parseJsonAttribute(text: string, what: string, source: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Python's json.dumps writes NaN/Infinity for non-finite floats, which JSON.parse refuses.
    value = undefined;
  }
  if (value === undefined) try {
    value = JSON.parse(text.replace(/\b(-?Infinity|NaN)\b/g, 'null'));
  } catch (error) {
    throw new DataFormatError(source, `\`${what}\` is not valid JSON (${(error as Error).message}).`, { cause: error });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new DataFormatError(source, `\`${what}\`: expected a JSON object, received ${JSON.stringify(value)?.slice(0, 60)}.`);
  }
  checkNoPrototypeKeys(value, source, `\`${what}\``);
  return value as Record<string, unknown>;
}
