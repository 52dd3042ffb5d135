/** Where bytes stop being UTF-8: the position an editor needs to find a wrongly encoded file's fault. */
import { isUtf8 } from 'node:buffer';

/**
 * Well-formed UTF-8 sequences by lead byte (Unicode, Table 3-7): total length and the range of
 * the second byte, which excludes overlong forms, surrogates and code points above U+10FFFF.
 */
function sequenceRule(lead: number): [length: number, low: number, high: number] | undefined {
  if (lead >= 0xc2 && lead <= 0xdf) return [2, 0x80, 0xbf];
  if (lead === 0xe0) return [3, 0xa0, 0xbf];
  if (lead === 0xed) return [3, 0x80, 0x9f];
  if (lead >= 0xe1 && lead <= 0xef) return [3, 0x80, 0xbf];
  if (lead === 0xf0) return [4, 0x90, 0xbf];
  if (lead >= 0xf1 && lead <= 0xf3) return [4, 0x80, 0xbf];
  if (lead === 0xf4) return [4, 0x80, 0x8f];
  return undefined;
}

/** Length of the well-formed sequence starting at `offset`; 0 when it is not one. */
function sequenceLength(bytes: Uint8Array, offset: number): number {
  const lead = bytes[offset]!;
  if (lead < 0x80) return 1;
  const rule = sequenceRule(lead);
  if (!rule) return 0;
  const [length, low, high] = rule;
  const second = bytes[offset + 1];
  if (second === undefined || second < low || second > high) return 0;
  for (let k = 2; k < length; k++) {
    const next = bytes[offset + k];
    if (next === undefined || (next & 0xc0) !== 0x80) return 0;
  }
  return length;
}

/** Byte offset of the first invalid UTF-8 sequence in `bytes`; -1 when all of it is UTF-8. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  // Valid files, nearly all of them, are checked by Node's native validator.
  if (isUtf8(bytes)) return -1;
  for (let offset = 0; offset < bytes.length;) {
    const length = sequenceLength(bytes, offset);
    if (length === 0) return offset;
    offset += length;
  }
  return -1;
}

/** The 1-based line that byte `offset` is on. */
export function lineAtByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < offset; i = bytes.indexOf(0x0a, i + 1)) line++;
  return line;
}
