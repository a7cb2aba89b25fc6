/**
 * Ctrl-C during training: the first stops after the current batch (the caller then saves
 * a checkpoint and exits with a message); a second one exits at once with code 130.
 */
export function onInterrupt(stop: () => void, notify: (text: string) => void): () => void {
  let count = 0;
  const handler = () => {
    count++;
    if (count === 1) {
      notify('\nInterrupted: stopping after the current batch (Ctrl-C again to quit now).');
      stop();
    } else {
      process.exit(130);
    }
  };
  process.on('SIGINT', handler);
  return () => process.off('SIGINT', handler);
}
