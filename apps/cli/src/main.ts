import { Command, CommanderError, Option } from 'commander';
import { EXIT_OK, EXIT_USAGE, reportError } from './errors.js';
import { Output } from './output.js';
import { anyNumber, fraction, integer, nonNegativeInt, numberList, positiveInt, positiveNumber } from './parse-options.js';
import { BACKEND_CHOICES } from './select-backend.js';
import { MODEL_PRESETS } from './commands/model-presets.js';

const SCHEDULES = ['exponential', 'piecewise', 'polynomial', 'inverse-time', 'cosine', 'cosine-restarts'];

interface Globals {
  json?: boolean;
  debug?: boolean;
}

/** Runs one command: the action's module is imported only when that command runs. */
function action<A extends unknown[]>(load: (out: Output, globals: Globals, ...args: A) => Promise<void>) {
  return async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    const globals = command.optsWithGlobals<Globals>();
    const out = new Output(globals.json === true);
    // The action's own arguments: positionals, then the options object (commander's order).
    await load(out, globals, ...(args.slice(0, -1) as A));
  };
}

function backendOption(): Option {
  return new Option('--backend <name>', 'compute backend').choices(BACKEND_CHOICES).default('auto');
}

function dataOptions(command: Command): Command {
  return command
    .addOption(new Option('--dataset <name>', 'dataset').choices(['mnist', 'fashion-mnist']).default('mnist'))
    .option('--data-dir <dir>', 'folder holding the four IDX files (raw or .gz)')
    .option('--data-url <url>', 'URL base to download the IDX files from (cached, SHA-256 verified)');
}

export function buildProgram(): Command {
  const program = new Command('neuralkit')
    .description('Train, evaluate and use Keras models on MNIST from the command line.')
    .option('--json', 'one JSON object per line on stdout; the last line is the result')
    .option('--debug', 'show stack traces')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  dataOptions(program.command('train').description("train the lecture's model (Flatten → Dense(10, softmax)) or Keras's MNIST convnet, and evaluate it"))
    .addOption(new Option('--model <preset>', "lecture: Flatten → Dense(10, softmax); convnet: Keras's Simple MNIST convnet (Conv2D 32, MaxPooling2D, Conv2D 64, MaxPooling2D, Flatten, Dropout 0.5, Dense 10; try --batch-size 128)").choices([...MODEL_PRESETS]).default('lecture'))
    .option('--hidden <units>', 'add Dense(units, relu) before the output (0: none)', nonNegativeInt('--hidden'), 0)
    .option('--dropout <rate>', 'Dropout(rate) after the hidden layer (convnet: instead of 0.5)', fraction('--dropout'), 0)
    .option('--epochs <n>', 'epochs', positiveInt('--epochs'), 5)
    .option('--batch-size <n>', 'batch size', positiveInt('--batch-size'), 32)
    .option('--optimizer <name>', 'sgd, adagrad, adadelta, rmsprop, adam, adamax or nadam', 'adam')
    .option('--learning-rate <lr>', 'initial learning rate (default: the optimizer\'s)', positiveNumber('--learning-rate'))
    .addOption(new Option('--schedule <name>', 'learning-rate schedule').choices(SCHEDULES))
    .option('--decay-steps <n>', 'schedule decay steps', positiveInt('--decay-steps'))
    .option('--decay-rate <r>', 'schedule decay rate', positiveNumber('--decay-rate'))
    .option('--staircase', 'decay in steps (exponential, inverse-time)')
    .option('--boundaries <list>', 'piecewise boundaries, e.g. 1000,2000', numberList('--boundaries'))
    .option('--values <list>', 'piecewise values, e.g. 0.1,0.01,0.001', numberList('--values'))
    .option('--end-learning-rate <lr>', 'polynomial end rate', anyNumber('--end-learning-rate'))
    .option('--power <p>', 'polynomial power', anyNumber('--power'))
    .option('--alpha <a>', 'cosine, cosine-restarts: final rate as a fraction of the initial', anyNumber('--alpha'))
    .option('--cycle', 'polynomial: restart the decay every --decay-steps')
    .option('--warmup-target <lr>', 'cosine: rate reached after the warmup', positiveNumber('--warmup-target'))
    .option('--warmup-steps <n>', 'cosine: warmup steps', nonNegativeInt('--warmup-steps'))
    .option('--first-decay-steps <n>', 'cosine-restarts first period', positiveInt('--first-decay-steps'))
    .option('--t-mul <f>', 'cosine-restarts: each period this many times longer (default 2)', positiveNumber('--t-mul'))
    .option('--m-mul <f>', 'cosine-restarts: each restart at this fraction of the last (default 1)', positiveNumber('--m-mul'))
    .option('--loss <name>', 'loss', 'sparse_categorical_crossentropy')
    .option('--validation-split <f>', 'fraction held out for validation (the last samples)', fraction('--validation-split'), 0)
    .option('--early-stopping <patience>', 'stop when val_loss (or loss) stops improving', positiveInt('--early-stopping'))
    .addOption(backendOption())
    .option('--seed <n>', 'random seed (weights, shuffling, dropout)', integer('--seed'))
    .option('--out <file>', 'save the model: .h5 (Keras HDF5) or .json (tfjs-layers)')
    .option('--checkpoint <file>', 'save the model after every epoch (.h5 or .json)')
    .option('--report <file.html>', 'write a self-contained HTML report')
    .action(action(async (out, globals, options: Record<string, unknown>) => {
      const { trainCommand } = await import('./commands/train.js');
      await trainCommand(out, { ...options, debug: globals.debug === true } as never);
    }));

  dataOptions(program.command('evaluate').description('loss and metrics of a saved model on the test set').argument('<model>', '.h5, .keras or model.json'))
    .option('--batch-size <n>', 'batch size', positiveInt('--batch-size'), 32)
    .addOption(backendOption())
    .action(action(async (out, _g, model: string, options: Record<string, unknown>) => {
      const { evaluateCommand } = await import('./commands/evaluate.js');
      await evaluateCommand(out, model, options as never);
    }));

  program.command('predict').description('classify PNG or JPEG digits').argument('<model>').argument('<images...>')
    .addOption(backendOption())
    .action(action(async (out, _g, model: string, images: string[], options: Record<string, unknown>) => {
      const { predictCommand } = await import('./commands/predict.js');
      await predictCommand(out, model, images, options as never);
    }));

  program.command('convert').description('ship a model: ONNX, tfjs-layers, Keras .h5 or .keras, optionally quantized').argument('<model>')
    .addOption(new Option('--to <format>', 'target format').choices(['onnx', 'tfjs', 'h5', 'keras']).makeOptionMandatory())
    .requiredOption('--out <path>', '.onnx, model.json, .h5 or .keras path')
    .addOption(new Option('--quantize <dtype>', 'weights: int8 (onnx, keras), uint8/uint16 (tfjs), float16').choices(['int8', 'uint8', 'uint16', 'float16']))
    .option('--opset <n>', 'ONNX opset (13 to 23)', positiveInt('--opset'))
    .addOption(new Option('--validate <dataset>', 'compare float32 and exported accuracy on a test set').choices(['mnist']))
    .option('--max-drop <points>', 'largest accuracy drop allowed with --validate, in points', positiveNumber('--max-drop'))
    .option('--keep-float32', 'past --max-drop, keep the layers that lose the most at float32 instead of refusing')
    .action(action(async (out, _g, model: string, options: Record<string, unknown>) => {
      const { convertCommand } = await import('./commands/convert.js');
      await convertCommand(out, model, options as never);
    }));

  program.command('summary').description("print Keras's summary table of a model").argument('<model>')
    .action(action(async (out, _g, model: string) => {
      const { summaryCommand } = await import('./commands/summary.js');
      await summaryCommand(out, model);
    }));

  program.command('backends').description('list the compute backends and whether each runs here')
    .action(action(async (out) => {
      const { backendsCommand } = await import('./commands/backends.js');
      await backendsCommand(out);
    }));

  return program;
}

/** The last `--json` line for a usage error commander found (it prints the text itself). */
function usageErrorJson(error: CommanderError): string {
  // `neuralkit` with no command prints the help, which has no message of its own.
  const message = error.code === 'commander.help' ? 'expected a command, received none.' : error.message.replace(/^error: /, '');
  return JSON.stringify({ error: message, exit_code: EXIT_USAGE });
}

/** Parses argv, runs the command, and resolves to the exit code. */
export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed the usage message; help and --version are successes.
      if (error.exitCode === 0) return EXIT_OK;
      if (argv.includes('--json')) process.stdout.write(`${usageErrorJson(error)}\n`);
      return EXIT_USAGE;
    }
    const debug = argv.includes('--debug');
    return reportError(error, { debug, json: argv.includes('--json') });
  }
}
