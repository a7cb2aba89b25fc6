#!/usr/bin/env node
// The `neuralkit` command. Everything heavy is imported lazily by the command that needs it.
import { run } from './main.js';

process.exitCode = await run(process.argv);
