export async function predictCommand(..._args: unknown[]): Promise<void> { throw new Error('not yet'); }
