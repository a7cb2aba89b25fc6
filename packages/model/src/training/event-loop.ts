/**
 * Gives the event loop a turn every `everyMs` of work, so a browser page keeps painting and
 * a Node program keeps serving I/O while training runs. `setImmediate` where it exists
 * (Node: no delay), `setTimeout(0)` elsewhere.
 */
export class EventLoopYielder {
  private last = performance.now();
  constructor(private readonly everyMs = 25) {}

  /** A promise to await when it is time to yield, otherwise undefined. */
  maybeYield(): Promise<void> | undefined {
    const now = performance.now();
    if (now - this.last < this.everyMs) return undefined;
    this.last = now;
    return nextTurn();
  }
}

export function nextTurn(): Promise<void> {
  const g = globalThis as { setImmediate?: (fn: () => void) => unknown };
  return new Promise((resolve) => (g.setImmediate ? g.setImmediate(resolve) : setTimeout(resolve, 0)));
}
