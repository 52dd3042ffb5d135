/**
 * Bulletin importer, the command line: `npm run import -- <bulletin.txt | -> [options]`.
 * Everything it does is in src/import/command.ts (rules in `--help`, src/import/arguments.ts);
 * this file connects it to the process.
 */
import { runImportCommand } from '../src/import/command.ts';

process.exitCode = await runImportCommand(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
