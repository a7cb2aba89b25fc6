export async function summaryCommand(..._args: unknown[]): Promise<void> { throw new Error('not yet'); }
