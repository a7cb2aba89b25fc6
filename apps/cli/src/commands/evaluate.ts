export async function evaluateCommand(..._args: unknown[]): Promise<void> { throw new Error('not yet'); }
