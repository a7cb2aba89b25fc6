/** Renders `counts[true][predicted]` as an accessible table; cells are shaded by their share of the row. */
export function renderConfusionMatrix(container: HTMLElement, counts: number[][]): void {
  const table = document.createElement('table');
  const caption = table.createCaption();
  caption.textContent = 'Rows: true digit. Columns: predicted digit. Diagonal: correct.';
  const head = table.createTHead().insertRow();
  head.appendChild(cell('th', 'true \\ pred', 'col'));
  counts.forEach((_, p) => head.appendChild(cell('th', String(p), 'col')));
  const body = table.createTBody();
  counts.forEach((row, t) => {
    const tr = body.insertRow();
    tr.appendChild(cell('th', String(t), 'row'));
    const total = row.reduce((a, b) => a + b, 0) || 1;
    row.forEach((n, p) => {
      const td = cell('td', String(n));
      const share = n / total;
      if (n > 0) {
        // Correct cells in teal, mistakes in red; dark text stays readable up to 0.6 alpha.
        const hue = t === p ? '21, 94, 117' : '185, 28, 28';
        td.style.background = `rgba(${hue}, ${Math.min(0.6, 0.08 + share * 0.6).toFixed(2)})`;
      }
      tr.appendChild(td);
    });
  });
  container.replaceChildren(table);
}

function cell(tag: 'th' | 'td', text: string, scope?: 'col' | 'row'): HTMLTableCellElement {
  const el = document.createElement(tag);
  el.textContent = text;
  if (scope) el.scope = scope;
  return el;
}
