/**
 * The index build writes and reads the CBOR of Pagefind's index chunks by hand
 * (src/integrations/cbor-buffer.ts, pagefind-chunk.ts); cborg, a general encoder, is the
 * reference: the bytes written are the bytes cborg writes, and what is read is what cborg reads.
 */
import { decode, encode } from 'cborg';
import { describe, expect, it } from 'vitest';
import { CborBuffer } from '../../src/integrations/cbor-buffer.ts';
import { chunkWords } from '../../src/integrations/pagefind-chunk.ts';

/** Numbers at every width CBOR has for them, negative ones too. */
const NUMBERS = [0, 1, 23, 24, 255, 256, 65_535, 65_536, 4_294_967_295];
const INTEGERS = [...NUMBERS, ...NUMBERS.map((n) => -n - 1)];

/** A chunk as Pagefind writes it: words with pages [delta, locations, metadata locations] and no variants. */
const chunk = [
  [
    [
      '0001',
      [
        [0, [-25, 3, 1, 300], []],
        [70_000, [-25, 0], [2]],
      ],
      [],
    ],
    ['u5b5a', [[5, [-25, 65_536, 24], []]], []],
    ['词', [], []],
  ],
];

describe('the CBOR of index chunks', () => {
  it('is written as cborg writes it: integers of every width, text, arrays', () => {
    const cbor = new CborBuffer();
    for (const n of INTEGERS) cbor.int(n);
    cbor.text('u5b5a词𠀀');
    cbor.head(4, 2);
    cbor.raw(encode([1, [2, 3]]));
    cbor.raw(encode('x'));
    const expected = Buffer.concat([
      ...INTEGERS.map((n) => encode(n)),
      encode('u5b5a词𠀀'),
      encode([[1, [2, 3]], 'x']),
    ]);
    expect(cbor.take()).toEqual(expected);
    expect(cbor.length).toBe(0);
    expect(() => cbor.head(4, 2 ** 32)).toThrow(/beyond/);
  });

  it('is read as cborg reads it, each page’s rest kept as its bytes', () => {
    const words = [...chunkWords(encode(chunk), 'chunk.pf_index')];
    expect(words.map(([word]) => word)).toEqual(chunk[0]!.map(([word]) => word));
    for (const [i, [, pages]] of words.entries()) {
      const stored = chunk[0]![i]![1] as unknown[][];
      expect(pages.map(({ page, items }) => [page, items])).toEqual(
        stored.map((page) => [page[0], page.length]),
      );
      for (const [p, { rest }] of pages.entries())
        expect(decode(Buffer.concat([Buffer.from([0x82]), rest]))).toEqual(stored[p]!.slice(1));
    }
  });

  it.each([
    ['a word that is not [word, pages]', [[['word', 'not pages']]], /not \[word, pages\]/],
    ['a page without its number', [[['word', [['x']], []]]], /a page of word without its number/],
    ['variants', [[['word', [], [['wörd', []]]]]], /variants of word/],
    ['no list of words', ['words'], /not a list of words/],
  ])('refuses %s, naming the file', (_, value, message) => {
    expect(() => [...chunkWords(encode(value), 'chunk.pf_index')]).toThrow(message);
    expect(() => [...chunkWords(encode(value), 'chunk.pf_index')]).toThrow(/chunk\.pf_index/);
  });

  it('refuses a chunk cut short or of indefinite length', () => {
    const bytes = encode(chunk);
    expect(() => [...chunkWords(bytes.subarray(0, bytes.length - 3), 'c')]).toThrow(/cut short/);
    // An array of indefinite length (0x9f) where the list of words begins.
    expect(() => [...chunkWords(Buffer.from([0x81, 0x9f, 0xff]), 'c')]).toThrow(/indefinite/);
  });
});
