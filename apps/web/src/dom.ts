/** The element with `id`, checked to be of the expected kind. */
export function byId<T extends HTMLElement>(id: string, kind: { new (): T; name: string }): T {
  const element = document.getElementById(id);
  if (!(element instanceof kind)) {
    throw new Error(`Expected #${id} to be a ${kind.name} in the page, received ${element ? element.tagName : 'nothing'}.`);
  }
  return element;
}

/** Lets the browser paint and handle input; used between training batches. */
export function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
