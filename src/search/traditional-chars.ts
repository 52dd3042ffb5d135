/**
 * Whether a text holds a character that Traditional → Simplified folding changes, without
 * loading the table itself: a bit per character of the CJK blocks U+3400–U+9FFF and a short
 * list of the rest, generated from the table (`npm run generate:traditional`).
 */
import { FIRST, HAN_BITS, OTHER_CHARACTERS } from './traditional-chars.data.ts';

let bits: Uint8Array | undefined;

function decodedBits(): Uint8Array {
  bits ??= Uint8Array.from(atob(HAN_BITS), (char) => char.charCodeAt(0));
  return bits;
}

/** True when Traditional → Simplified folding changes some character of `text`. */
export function mayHoldTraditional(text: string): boolean {
  for (const char of text) {
    const offset = char.codePointAt(0)! - FIRST;
    if (offset >= 0 && offset < decodedBits().length * 8) {
      if (decodedBits()[offset >> 3]! & (1 << (offset & 7))) return true;
    } else if (offset >= 0 && OTHER_CHARACTERS.includes(char)) return true;
  }
  return false;
}
