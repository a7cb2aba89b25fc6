import { describe, expect, it } from 'vitest';
import { formatTemplate, pythonFloat } from './python-format.js';

describe('python-format', () => {
  it('renders floats as Python repr does', () => {
    // Reference values: Python 3 `repr(float(x))`.
    expect(pythonFloat(1)).toBe('1.0');
    expect(pythonFloat(0.1)).toBe('0.1');
    expect(pythonFloat(0.4312991797924042)).toBe('0.4312991797924042');
    expect(pythonFloat(1e-7)).toBe('1e-07');
    expect(pythonFloat(0.0001)).toBe('0.0001');
    expect(pythonFloat(0.00001)).toBe('1e-05');
    expect(pythonFloat(1234.5)).toBe('1234.5');
    expect(pythonFloat(1e16)).toBe('1e+16');
    expect(pythonFloat(-2.5e-10)).toBe('-2.5e-10');
    expect(pythonFloat(Number.NaN)).toBe('nan');
  });

  it('formats Keras checkpoint paths as Python str.format', () => {
    // Python: 'w.{epoch:02d}-{val_loss:.2f}.keras'.format(epoch=3, val_loss=0.45678) == 'w.03-0.46.keras'
    expect(formatTemplate('w.{epoch:02d}-{val_loss:.2f}.keras', { epoch: 3, val_loss: 0.45678 }, ['epoch'])).toBe(
      'w.03-0.46.keras',
    );
    expect(formatTemplate('m-{epoch}-{loss}.json', { epoch: 12, loss: 1 }, ['epoch'])).toBe('m-12-1.0.json');
    // Python: format(0.000123456, '.3e') == '1.235e-04'; format(0.5, 'g') == '0.5'; format(1234567.0, '.3g') == '1.23e+06'
    expect(formatTemplate('{a:.3e}|{b:g}|{c:.3g}|{d:>6.1f}|{e:.1%}', { a: 0.000123456, b: 0.5, c: 1234567, d: 2.25, e: 0.123 })).toBe(
      '1.235e-04|0.5|1.23e+06|   2.2|12.3%',
    );
    // Python rounds exact ties to even: format(2.25, ".1f") == "2.2", format(2.35, ".1f") == "2.4" (2.35 is 2.35000000000000008...).
    expect(formatTemplate("{a:.1f} {b:.1f} {c:.0f}", { a: 2.25, b: 2.35, c: 0.5 })).toBe("2.2 2.4 0");
    expect(formatTemplate('{{epoch}}-{epoch:03}', { epoch: 7 }, ['epoch'])).toBe('{epoch}-007');
  });

  it('names the missing field', () => {
    expect(() => formatTemplate('{val_acc:.2f}', { epoch: 1, loss: 0.5 })).toThrow(/\{val_acc\}.*epoch, loss/);
  });
});
