export async function trainCommand(..._args: unknown[]): Promise<void> { throw new Error('not yet'); }
