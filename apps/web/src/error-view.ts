/** The page's error area: shows what went wrong in words, and never blocks the page. */
export class ErrorView {
  constructor(private readonly element: HTMLElement) {}

  show(context: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.element.textContent = `${context}: ${message}`;
    this.element.hidden = false;
  }

  clear(): void {
    this.element.textContent = '';
    this.element.hidden = true;
  }
}
