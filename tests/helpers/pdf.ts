/**
 * Where Chromium's PDF output puts its text: enough of PDF to find each line of glyphs on each
 * page, in points from the page's left edge. Chromium (Skia) writes one glyph per Tj, placed by
 * Tm and Td inside q/Q/cm; that is all this reads.
 */
import { inflateSync } from 'node:zlib';

type Matrix = [number, number, number, number, number, number];

/** A line of glyphs: its page (from 0), baseline y, first glyph's x and the last glyph's x. */
export interface PdfLine {
  page: number;
  y: number;
  /** x of the first glyph's origin. */
  left: number;
  /** x of the last glyph's origin (its advance is not in the content stream). */
  lastGlyph: number;
  /** Font size in points. */
  size: number;
  glyphs: number;
}

export interface PdfText {
  /** Page width in points (MediaBox). */
  width: number;
  lines: PdfLine[];
}

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m × n: m applied first. */
function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

/** Objects `N 0 obj … endobj` by number: the text before any stream, and the stream inflated. */
function objects(pdf: Buffer): Map<number, { dict: string; stream?: Buffer }> {
  const found = new Map<number, { dict: string; stream?: Buffer }>();
  const text = pdf.toString('latin1');
  for (const match of text.matchAll(/(\d+) 0 obj\b/g)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endobj', start);
    const streamAt = text.indexOf('stream', start);
    if (streamAt < 0 || streamAt > end) {
      found.set(Number(match[1]), { dict: text.slice(start, end) });
      continue;
    }
    const dict = text.slice(start, streamAt);
    const dataStart = streamAt + (text.startsWith('stream\r\n', streamAt) ? 8 : 7);
    const raw = pdf.subarray(dataStart, text.indexOf('endstream', dataStart));
    const stream = /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw;
    found.set(Number(match[1]), { dict, stream });
  }
  return found;
}

const OPERATION =
  /((?:-?[\d.]+\s+){6})(cm|Tm)\b|((?:-?[\d.]+\s+){2})Td\b|\/[\w.+-]+\s+(-?[\d.]+)\s+Tf\b|(?<![\w/<])([qQ])(?=\s)|\b(Tj|TJ)\b/g;
const numbers = (text: string) => text.trim().split(/\s+/).map(Number);

/** Glyph origins of one page's content stream, in points, y up from the page's bottom. */
function glyphs(content: string): { x: number; y: number; size: number }[] {
  const stack: Matrix[] = [];
  let ctm = IDENTITY;
  let line = IDENTITY;
  let fontSize = 0;
  const out: { x: number; y: number; size: number }[] = [];
  for (const [, six, sixOp, two, size, save, show] of content.matchAll(OPERATION)) {
    if (sixOp === 'cm') ctm = multiply(numbers(six!) as Matrix, ctm);
    else if (sixOp === 'Tm') line = numbers(six!) as Matrix;
    else if (two) line = multiply([1, 0, 0, 1, ...numbers(two)] as Matrix, line);
    else if (size) fontSize = Number(size);
    else if (save === 'q') stack.push(ctm);
    else if (save === 'Q') ctm = stack.pop() ?? IDENTITY;
    else if (show) {
      const m = multiply(line, ctm);
      out.push({ x: m[4], y: m[5], size: fontSize * Math.hypot(m[0], m[1]) });
    }
  }
  return out;
}

/** Every line of text of every page, in page order, top to bottom. */
export function pdfText(pdf: Buffer): PdfText {
  const all = objects(pdf);
  const pages = [...all.values()].filter(({ dict }) => /\/Type\s*\/Page\b/.test(dict));
  const box = /\/MediaBox\s*\[\s*[\d.]+\s+[\d.]+\s+([\d.]+)/.exec(pages[0]?.dict ?? '');
  if (!box) throw new Error('no page with a MediaBox in the PDF');
  const lines: PdfLine[] = [];
  pages.forEach(({ dict }, page) => {
    const refs = [
      ...(/\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(dict)?.[1] ?? '').matchAll(/(\d+) 0 R/g),
    ];
    const content = refs.map(([, n]) => all.get(Number(n))?.stream?.toString('latin1') ?? '');
    const byLine = new Map<string, { x: number; y: number; size: number }[]>();
    for (const glyph of glyphs(content.join('\n'))) {
      const key = `${Math.round(glyph.y * 4)}:${glyph.size.toFixed(1)}`;
      byLine.set(key, [...(byLine.get(key) ?? []), glyph]);
    }
    for (const row of byLine.values()) {
      const xs = row.map((g) => g.x);
      lines.push({
        page,
        y: row[0]!.y,
        left: Math.min(...xs),
        lastGlyph: Math.max(...xs),
        size: row[0]!.size,
        glyphs: row.length,
      });
    }
  });
  lines.sort((a, b) => a.page - b.page || b.y - a.y);
  return { width: Number(box[1]), lines };
}
