/**
 * A Pagefind index chunk's CBOR (pagefind-merge.ts): `[[word, …]]`. The merge reads its words
 * and changes only the page numbers: each page's locations stay the CBOR bytes they were,
 * copied into the merged chunk as they are. Decoding them into millions of small arrays, and
 * encoding them again, was most of the merge's work.
 */
import { CborBuffer } from './cbor-buffer.ts';

/** A chunk's CBOR from its `count` words, each already encoded (`[word, pages, …]`), in order. */
export function chunkCbor(count: number, words: readonly Uint8Array[]): Buffer {
  const heads = new CborBuffer(16);
  heads.head(4, 1);
  heads.head(4, count);
  return Buffer.concat([heads.take(), ...words]);
}

/** One page of a word: its number and, as CBOR, the rest of its entry (locations, metadata locations). */
export interface RawPosting {
  page: number;
  /** Items of the page's entry, its number included. */
  items: number;
  rest: Uint8Array;
}

/** A reader of the CBOR items that index chunks are made of, over one buffer. */
class CborReader {
  at = 0;
  constructor(
    private readonly bytes: Uint8Array,
    private readonly file: string,
  ) {}

  fail(what: string): never {
    throw new Error(`${this.file}: unexpected Pagefind index chunk (${what})`);
  }

  /** The next item's major type and argument; the reader moves past its head. */
  head(): { major: number; n: number } {
    if (this.at >= this.bytes.length) this.fail('cut short');
    const first = this.bytes[this.at++]!;
    const major = first >> 5;
    const info = first & 31;
    if (info < 24) return { major, n: info };
    const size = [1, 2, 4, 8][info - 24];
    if (size === undefined) this.fail('an item of indefinite length');
    if (this.at + size > this.bytes.length) this.fail('cut short');
    let n = 0;
    for (let i = 0; i < size; i++) n = n * 256 + this.bytes[this.at++]!;
    return { major, n };
  }

  /** The next item, which must be an array; returns its length. */
  array(what: string): number {
    const { major, n } = this.head();
    if (major !== 4) this.fail(what);
    return n;
  }

  /** The next item, which must be an integer. */
  int(what: string): number {
    const { major, n } = this.head();
    if (major === 0) return n;
    if (major === 1) return -1 - n;
    return this.fail(what);
  }

  /** The next item, which must be text. */
  text(what: string): string {
    const { major, n } = this.head();
    if (major !== 3) this.fail(what);
    if (this.at + n > this.bytes.length) this.fail('cut short');
    const value = Buffer.from(this.bytes.buffer, this.bytes.byteOffset + this.at, n).toString();
    this.at += n;
    return value;
  }

  /** Moves past the next item, whatever it is. */
  skip(): void {
    const { major, n } = this.head();
    if (major === 2 || major === 3) this.at += n;
    else if (major === 4) for (let i = 0; i < n; i++) this.skip();
    else if (major === 5) for (let i = 0; i < 2 * n; i++) this.skip();
    else if (major === 6) this.skip();
    if (this.at > this.bytes.length) this.fail('cut short');
  }

  /** The bytes from `start` to where the reader is. */
  since(start: number): Uint8Array {
    return this.bytes.subarray(start, this.at);
  }
}

/**
 * The words of chunk `bytes` (CBOR, from `file`) in order, each with its pages: page numbers as
 * stored (deltas from the previous page), the rest of each page's entry as raw CBOR.
 */
export function* chunkWords(
  bytes: Uint8Array,
  file: string,
): Generator<[word: string, pages: RawPosting[]]> {
  const cbor = new CborReader(bytes, file);
  if (cbor.array('not a list of words') < 1) cbor.fail('not a list of words');
  const words = cbor.array('not a list of words');
  const notWord = 'a word that is not [word, pages]';
  for (let w = 0; w < words; w++) {
    const items = cbor.array(notWord);
    if (items < 2) cbor.fail(notWord);
    const word = cbor.text(notWord);
    const pages: RawPosting[] = new Array<RawPosting>(cbor.array(notWord));
    for (let p = 0; p < pages.length; p++) {
      const entry = cbor.array(`a page of ${word} that is not a list`);
      if (entry < 1) cbor.fail(`a page of ${word} without its number`);
      const page = cbor.int(`a page of ${word} without its number`);
      const start = cbor.at;
      for (let i = 1; i < entry; i++) cbor.skip();
      pages[p] = { page, items: entry, rest: cbor.since(start) };
    }
    // Variants of a word with diacritics: our index words, ASCII, have none.
    for (let i = 2; i < items; i++)
      if (cbor.array(notWord) !== 0) cbor.fail(`variants of ${word}, which the merge cannot keep`);
    yield [word, pages];
  }
}
