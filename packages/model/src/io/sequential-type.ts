/**
 * The model type the formats handle. The `Sequential` class is defined in `../sequential.ts`;
 * this structural view keeps `io/` free of a load-time cycle with it.
 */
export interface Sequential {
  readonly name: string;
  getConfig(): Record<string, unknown>;
}
