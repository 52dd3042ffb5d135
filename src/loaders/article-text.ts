/**
 * Checks on an article file's bytes before Astro reads it: Astro decodes every file as UTF-8,
 * replacing what is not UTF-8 with U+FFFD, and expands YAML aliases in front matter without
 * limit. Both are refused here, with the place of the fault.
 */
import { extractFrontmatter } from '@astrojs/markdown-remark';
import { CST, Lexer } from 'yaml';
import { invalidUtf8Offset, lineAtByte } from '../utils/utf8.ts';

const hex = (bytes: Uint8Array) =>
  [...bytes].map((byte) => byte.toString(16).toUpperCase().padStart(2, '0')).join(' ');

const REPLACEMENT_CHARACTER = Buffer.from('\uFFFD');

/**
 * Why `bytes` are not the UTF-8 text of an article; undefined when they are. A UTF-8
 * byte-order mark is accepted: it is no text, and Astro drops it as the importer does.
 */
export function encodingProblem(bytes: Uint8Array): string | undefined {
  const at = (offset: number) => `at offset ${offset} (line ${lineAtByte(bytes, offset)})`;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return `the file is UTF-16 (it starts with the byte-order mark ${hex(bytes.subarray(0, 2))}): save it as UTF-8`;
  const nul = bytes.indexOf(0);
  if (nul !== -1)
    return `NUL byte ${at(nul)}: the file is UTF-16 without a byte-order mark, or not text: save it as UTF-8`;
  const invalid = invalidUtf8Offset(bytes);
  if (invalid !== -1)
    return `invalid UTF-8 byte sequence ${hex(bytes.subarray(invalid, invalid + 2))} ${at(invalid)}: the file is in another encoding (such as GBK): save it as UTF-8`;
  const replaced = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).indexOf(
    REPLACEMENT_CHARACTER,
  );
  if (replaced !== -1)
    return `U+FFFD (replacement character) ${at(replaced)}: text was lost when the file was converted from another encoding: convert it again from the source`;
  return undefined;
}

/** Lexer tokens that mark structure and stand for no source text. */
const CONTROL_TOKENS = new Set(['\x02', '\x18', '\x1f']);

/**
 * The first YAML anchor (`&name`) or alias (`*name`) in the front matter of `text`, with its
 * 1-based line in `text`. Found by the YAML lexer, so `&` and `*` inside strings, block
 * scalars and comments are no anchors.
 */
export function frontMatterAlias(text: string): { token: string; line: number } | undefined {
  const raw = extractFrontmatter(text);
  // TOML front matter (+++) has no aliases.
  if (raw === undefined || /^(?:\uFEFF?|\s*\n)\+\+\+/.test(text)) return undefined;
  // Every anchor starts with & and every alias with *: without them there is nothing to lex.
  if (!/[&*]/.test(raw)) return undefined;
  const start = text.indexOf(raw);
  let offset = 0;
  for (const token of new Lexer().lex(raw)) {
    if (CONTROL_TOKENS.has(token)) continue;
    const type = CST.tokenType(token);
    if (type === 'anchor' || type === 'alias') {
      const before = text.slice(0, start + offset);
      return { token, line: before.split('\n').length };
    }
    offset += token.length;
  }
  return undefined;
}

/** Why the file with these bytes cannot be loaded; undefined when it can. */
export function articleTextProblem(bytes: Uint8Array): string | undefined {
  const encoding = encodingProblem(bytes);
  if (encoding) return encoding;
  const alias = frontMatterAlias(new TextDecoder().decode(bytes));
  if (alias)
    return `front matter line ${alias.line}: YAML ${alias.token.startsWith('&') ? 'anchor' : 'alias'} "${alias.token}": anchors (&name) and aliases (*name) are refused in articles: write every value out`;
  return undefined;
}
