/**
 * How often, in steps, fit and evaluate read the running loss and metrics back for batch logs
 * (only when a callback or a live progress bar uses them): one awaited read, on the first
 * step and then every this many. Reading stalls a GPU's queue; the epoch's figures are read
 * once more at its end.
 */
export const READ_EVERY = 8;
