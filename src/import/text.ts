/**
 * Step 1 of the import: bytes → clean text lines.
 * Rejects binary files and anything that is not UTF-8; removes a BOM; turns CRLF/CR into LF.
 */
import type { Problem } from './problems.ts';

export type DecodeResult = { ok: true; text: string } | { ok: false; problem: Problem };

/** Decodes a bulletin file. NUL bytes or invalid UTF-8 are an error naming the first bad line. */
export function decodeBulletin(bytes: Uint8Array): DecodeResult {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const utf16 = isUtf16Bom(bytes) ? ' (it looks like UTF-16: save it as UTF-8)' : '';
    return fail(
      lineOfOffset(bytes, nul),
      `this is a binary file, not a text bulletin: it contains NUL bytes${utf16}`,
    );
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { ok: true, text: normalizeLineEnds(text) };
  } catch {
    return fail(
      firstInvalidUtf8Line(bytes),
      'this file is not valid UTF-8 text (a binary file, or another encoding such as GBK/UTF-16): save it as UTF-8',
    );
  }
}

/** Removes a leading BOM and makes every line end a plain LF. */
export function normalizeLineEnds(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

function fail(line: number, message: string): DecodeResult {
  return { ok: false, problem: { line, message } };
}

function isUtf16Bom(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

function lineOfOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function firstInvalidUtf8Line(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  let line = 1;
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    try {
      decoder.decode(bytes.subarray(start, end));
    } catch {
      return line;
    }
    start = end + 1;
    line++;
  }
  return 1;
}
