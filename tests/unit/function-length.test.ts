import { describe, expect, it } from 'vitest';
import { longFunctions } from '../../scripts/check-function-length.ts';

/** A function named `name` whose body has `statements` lines, so `statements + 2` lines in all. */
const declared = (name: string, statements: number) =>
  `function ${name}() {\n${'  work();\n'.repeat(statements)}}\n`;

describe('function length check', () => {
  it('finds a function one line over the limit, and not one at the limit', () => {
    const source = `/** Doc comments do not count. */\n${declared('atLimit', 8)}\n${declared('over', 9)}`;
    const line = source.split('\n').indexOf('function over() {') + 1;
    expect(longFunctions(source, 'x.ts', 10)).toEqual([{ line, name: 'over', lines: 11 }]);
  });

  it('names arrow functions, methods and nested functions, and counts the outer one whole', () => {
    const arrow = `const arrow = () => {\n${'  work();\n'.repeat(5)}};\n`;
    const method = `class A {\n  method() {\n${'    work();\n'.repeat(5)}  }\n}\n`;
    const nested = `function outer() {\n${declared('inner', 5)}}\n`;
    const found = longFunctions(`${arrow}${method}${nested}`, 'x.ts', 6);
    expect(found.map(({ name, lines }) => [name, lines])).toEqual([
      ['arrow', 7],
      ['method', 7],
      ['outer', 9],
      ['inner', 7],
    ]);
  });

  it('leaves declarations without a body alone', () => {
    const overloads = `declare function f(\n${'  a: number,\n'.repeat(20)}): void;\n`;
    expect(longFunctions(overloads, 'x.ts', 5)).toEqual([]);
  });
});
