export async function convertCommand(..._args: unknown[]): Promise<void> { throw new Error('not yet'); }
