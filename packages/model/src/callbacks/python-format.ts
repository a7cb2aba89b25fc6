/**
 * Python's number and `str.format` rendering, for the file names and CSV rows that Keras callbacks
 * write (`weights.{epoch:02d}-{val_loss:.2f}.keras`, `0.4312991797924042`, `1e-07`).
 */
import { InvalidArgumentError } from '@neuralkit/core';

/** Python's `repr(float(x))`: shortest round-trip digits, `1.0` for whole numbers, `1e-07` exponents. */
export function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa = '0', expText = '0'] = x.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) {
    const sign = exp < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const text = x.toFixed(Math.max(0, (mantissa.split('.')[1]?.length ?? 0) - exp));
  return text.includes('.') ? text : `${text}.0`;
}

/** `x.toFixed(digits)` with Python's rounding: an exact tie goes to the even digit (`2.25` → `2.2`). */
export function pythonFixed(x: number, digits: number): string {
  const rounded = x.toFixed(digits);
  const exact = Math.abs(x).toFixed(Math.min(100, digits + 30));
  const tail = exact.slice(exact.indexOf('.') + 1 + digits);
  if (!/^50*$/.test(tail)) return rounded;
  const kept = exact.slice(0, exact.indexOf('.') + 1 + digits).replace(/\.$/, '');
  const lastDigit = Number(kept.replace('.', '').slice(-1));
  if (lastDigit % 2 === 1) return rounded;
  return (x < 0 ? '-' : '') + kept;
}

const SPEC = /^(?:(.)?([<>=^]))?([+\- ])?(0)?(\d+)?(,)?(?:\.(\d+))?([dfFeEgG%s])?$/;

function exponential(x: number, digits: number, upper: boolean): string {
  const [m = '', e = '0'] = x.toExponential(digits).split('e');
  const n = Number(e);
  const text = `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  return upper ? text.toUpperCase() : text;
}

function general(x: number, precision: number, upper: boolean): string {
  const p = precision === 0 ? 1 : precision;
  if (x === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(Number(x.toPrecision(p)))));
  const text = exp < -4 || exp >= p ? exponential(x, p - 1, upper) : pythonFixed(x, Math.max(0, p - 1 - exp));
  // `g` drops trailing zeros, and then a trailing point, from the mantissa.
  const [mantissa = '', rest] = text.split(/(?=[eE])/);
  const trimmed = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  return trimmed + (rest ?? '');
}

function formatNumber(value: number, type: string, precision: number | undefined): string {
  switch (type) {
    case 'd':
      if (!Number.isInteger(value)) throw InvalidArgumentError.expected('format spec d', 'an integer', value);
      return String(value);
    case 'f':
    case 'F':
      return pythonFixed(value, precision ?? 6);
    case 'e':
    case 'E':
      return exponential(value, precision ?? 6, type === 'E');
    case 'g':
    case 'G':
      return general(value, precision ?? 6, type === 'G');
    case '%':
      return `${pythonFixed(value * 100, precision ?? 6)}%`;
    default:
      return pythonFloat(value);
  }
}

/** One `{name:spec}` field as Python's `format(value, spec)` renders it (the common numeric specs). */
export function formatField(value: unknown, spec: string, isInt: boolean): string {
  const m = SPEC.exec(spec);
  if (!m) throw InvalidArgumentError.expected('format spec', 'a Python format spec such as 02d or .4f', spec);
  const [, fill, align, sign, zero, width, comma, precision, type] = m;
  let text: string;
  if (typeof value === 'number') {
    text = !type && isInt ? String(value) : formatNumber(value, type ?? '', precision ? Number(precision) : undefined);
    if (comma) text = text.replace(/^(-?\d+)/, (d) => d.replace(/\B(?=(\d{3})+$)/g, ','));
    if (sign === '+' && value >= 0) text = `+${text}`;
    if (sign === ' ' && value >= 0) text = ` ${text}`;
  } else {
    text = String(value);
  }
  const w = width ? Number(width) : 0;
  if (text.length >= w) return text;
  if (zero && !align && typeof value === 'number') {
    const neg = /^[+\- ]/.test(text) ? text.charAt(0) : '';
    return neg + text.slice(neg.length).padStart(w - neg.length, '0');
  }
  const pad = fill ?? ' ';
  const gap = w - text.length;
  const side = align ?? (typeof value === 'number' ? '>' : '<');
  if (side === '<') return text + pad.repeat(gap);
  if (side === '^') return pad.repeat(Math.floor(gap / 2)) + text + pad.repeat(Math.ceil(gap / 2));
  return pad.repeat(gap) + text;
}

/**
 * Python's `template.format(**values)` for the fields Keras callbacks use. Names in `ints` are
 * Python ints (`epoch`, `batch`); the others are floats (`1.0`, not `1`). `{{` and `}}` escape braces.
 */
export function formatTemplate(template: string, values: Record<string, unknown>, ints: readonly string[] = []): string {
  return template.replace(/\{\{|\}\}|\{([^{}:!]+)(?::([^{}]*))?\}/g, (match, name: string | undefined, spec: string | undefined) => {
    if (match === '{{') return '{';
    if (match === '}}') return '}';
    const key = (name ?? '').trim();
    if (!(key in values)) {
      throw new InvalidArgumentError(
        `Invalid file path template ${JSON.stringify(template)}: it names {${key}}, which is not among the ` +
          `available values (${Object.keys(values).join(', ')}).`,
      );
    }
    return formatField(values[key], spec ?? '', ints.includes(key));
  });
}
