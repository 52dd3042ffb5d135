/**
 * CBOR written by hand into one growing buffer: only what Pagefind's index chunks hold
 * (arrays, integers, text). The index build writes millions of small arrays, and a general
 * encoder (cborg, which reads them) spends most of the build's merge on them.
 */
export class CborBuffer {
  bytes: Buffer;
  length = 0;

  /** `size`: the bytes to start with; the buffer grows as needed. */
  constructor(size = 1 << 20) {
    this.bytes = Buffer.allocUnsafe(size);
  }

  private reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + n));
    this.bytes.copy(bigger, 0, 0, this.length);
    this.bytes = bigger;
  }

  /** A head of major type `major` with argument `n` (< 2^32, more than the index ever counts). */
  head(major: number, n: number): void {
    if (n >= 0x100000000) throw new RangeError(`CBOR argument ${n} is beyond what is written here`);
    this.reserve(5);
    const type = major << 5;
    if (n < 24) this.bytes[this.length++] = type | n;
    else if (n < 0x100) {
      this.bytes[this.length++] = type | 24;
      this.bytes[this.length++] = n;
    } else if (n < 0x10000) {
      this.bytes[this.length++] = type | 25;
      this.length = this.bytes.writeUInt16BE(n, this.length);
    } else {
      this.bytes[this.length++] = type | 26;
      this.length = this.bytes.writeUInt32BE(n, this.length);
    }
  }

  int(n: number): void {
    if (n >= 0) this.head(0, n);
    else this.head(1, -1 - n);
  }

  text(value: string): void {
    const size = Buffer.byteLength(value);
    this.head(3, size);
    this.reserve(size);
    this.length += this.bytes.write(value, this.length);
  }

  /** CBOR items already encoded. */
  raw(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.bytes.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** Takes what was written, and starts again. */
  take(): Buffer {
    const taken = Buffer.from(this.bytes.subarray(0, this.length));
    this.length = 0;
    return taken;
  }
}
