/**
 * Quality gate: valid HTML. The Nu HTML Checker (vnu-jar, Java 17) validates every built page
 * in one Java process and must report zero errors.
 */
import { describe, expect, it } from 'vitest';
import { allPages } from '../helpers/dist.ts';
import { DIST } from '../helpers/paths.ts';
import { htmlErrors } from '../helpers/vnu.ts';

describe('the Nu HTML Checker', () => {
  it('finds no error in any built page', async () => {
    expect(allPages().length).toBeGreaterThan(10);
    expect(await htmlErrors(DIST)).toEqual([]);
  });
});
