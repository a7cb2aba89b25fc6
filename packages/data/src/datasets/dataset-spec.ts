/** The four files of an MNIST-style dataset, by role. */
export type FileKey = 'trainImages' | 'trainLabels' | 'testImages' | 'testLabels';

export const FILE_KEYS: readonly FileKey[] = ['trainImages', 'trainLabels', 'testImages', 'testLabels'];

export interface FileSpec {
  /** Keras's / LeCun's file name without `.gz`, e.g. `train-images-idx3-ubyte`. */
  readonly name: string;
  /** Accepted SHA-256 digests (hex): of the published `.gz` file and of the raw file. */
  readonly sha256: readonly string[];
}

export interface DatasetSpec {
  /** Used in messages and as the default cache folder's name. */
  readonly name: string;
  readonly title: string;
  readonly files: Readonly<Record<FileKey, FileSpec>>;
  /** A base URL serving the four `.gz` files. */
  readonly defaultUrl: string;
  /** The folder of an offline copy installed with the package, if there is one (Node only). */
  readonly embedded?: () => Promise<string>;
}

/** Where the four files come from. With no option, the embedded copy (MNIST only). */
export interface LoadOptions {
  /** A folder holding the four files, raw or `.gz`, under Keras's / LeCun's names. */
  dir?: string;
  /** A base URL serving `<name>.gz` for the four names; each file is verified by SHA-256. */
  url?: string;
  /**
   * Where downloads are kept (Node). Default `~/.neuralkit/datasets/<dataset>`; `false`
   * downloads into memory only (the only choice in browsers).
   */
  cacheDir?: string | false;
  /** Replaces the expected SHA-256 digest (hex, of the raw or `.gz` bytes) of some files, for other mirrors. */
  sha256?: Partial<Record<FileKey, string>>;
}

/** A file's bytes (raw or gzip) and the name to use for it in messages. */
export interface SourceFile {
  bytes: Uint8Array;
  source: string;
}
