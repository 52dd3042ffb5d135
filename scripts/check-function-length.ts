/**
 * Lists every function longer than the project allows (60 lines) in the TypeScript of `src/`
 * and `scripts/`, and exits with 1 if there is one:
 *
 *   npm run lint:functions [-- --max 60] [folder-or-file ...]
 *
 * A function's length runs from the line its declaration starts on (after its doc comment) to
 * the line of its last token, nested functions included. Astro components are left out: their
 * scripts live in src/client/.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import ts from 'typescript';
import { filesBelow } from './lib/files-below.ts';

/** The project's limit on a function's lines. */
export const MAX_FUNCTION_LINES = 60;

/** One function over the limit. */
export interface LongFunction {
  /** 1-based line of the declaration's start. */
  line: number;
  /** Its name, or what it is assigned to, or `(anonymous)`. */
  name: string;
  lines: number;
}

/** The name a reader would search for: the declaration's own, or the variable or property it is assigned to. */
function functionName(node: ts.FunctionLikeDeclaration): string {
  if (node.name) return node.name.getText();
  const parent = node.parent;
  if (
    (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) &&
    ts.isIdentifier(parent.name)
  )
    return parent.name.text;
  return '(anonymous)';
}

/** Functions of `source` (a TypeScript file's text) longer than `max` lines, in order. */
export function longFunctions(
  source: string,
  fileName: string,
  max = MAX_FUNCTION_LINES,
): LongFunction[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: LongFunction[] = [];
  const lineOf = (position: number) => file.getLineAndCharacterOfPosition(position).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const declaration = node as ts.FunctionLikeDeclaration;
      const line = lineOf(declaration.getStart(file));
      const lines = lineOf(declaration.getEnd()) - line + 1;
      if (lines > max) found.push({ line, name: functionName(declaration), lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** TypeScript sources (not declarations). */
const isTypeScript = (name: string) => /\.m?ts$/.test(name) && !name.endsWith('.d.ts');

function main(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { max: { type: 'string', default: String(MAX_FUNCTION_LINES) } },
  });
  const max = Number(values.max);
  if (!Number.isInteger(max) || max < 1)
    throw new Error(`--max must be a positive integer, got ${values.max}`);
  const files = (positionals.length ? positionals : ['src', 'scripts']).flatMap((path) =>
    filesBelow(path, isTypeScript),
  );
  let count = 0;
  for (const file of files) {
    for (const { line, name, lines } of longFunctions(readFileSync(file, 'utf8'), file, max)) {
      console.log(`${relative(process.cwd(), file)}:${line} ${name}: ${lines} lines (max ${max})`);
      count++;
    }
  }
  console.log(`${count} function(s) over ${max} lines in ${files.length} file(s)`);
  return count ? 1 : 0;
}

// Run only as a script, so tests can import longFunctions.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
