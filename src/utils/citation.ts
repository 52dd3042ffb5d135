/**
 * How to cite a report: GB/T 7714-2015 for an online resource ([EB/OL]) and a BibTeX entry,
 * with the credited body (`source`) as author. The date of citation is the reader's today,
 * which only the reader's browser knows: pages carry a placeholder, so rebuilds stay identical.
 */

/** What a citation names. */
export interface CitationInput {
  /** The article ID, the BibTeX key. */
  id: string;
  title: string;
  /** YYYY-MM-DD. */
  date: string;
  /** The credited body, the author. */
  source: string;
  /** The article's absolute URL. */
  url: string;
}

/** Shown where the date of citation goes until the reader's browser fills it in. */
export const CITED_DATE_PLACEHOLDER = '引用日期';

/** The parts of the GB/T 7714 reference before and after the date of citation. */
export function gbtReferenceParts({ title, date, source, url }: CitationInput): [string, string] {
  return [`${source}. ${title}[EB/OL]. (${date})[`, `]. ${url}.`];
}

/** The GB/T 7714-2015 reference, cited on `citedDate` (YYYY-MM-DD). */
export function gbtReference(input: CitationInput, citedDate: string): string {
  const [before, after] = gbtReferenceParts(input);
  return `${before}${citedDate}${after}`;
}

/** Braces and TeX's special characters escaped for a BibTeX field. */
export function bibtexEscape(text: string): string {
  return text.replace(/[\\{}%&$#_~^]/g, (char) =>
    char === '\\'
      ? '\\textbackslash{}'
      : char === '~' || char === '^'
        ? `\\${char}{}`
        : `\\${char}`,
  );
}

/** A biblatex @online entry; `urldate` is added where the date of citation is known. */
export function bibtexEntry(input: CitationInput, citedDate?: string): string {
  const fields = [
    // Double braces: a corporate author, not a family name and a given name.
    ['author', `{${bibtexEscape(input.source)}}`],
    ['title', bibtexEscape(input.title)],
    ['date', input.date],
    ['url', input.url],
    ...(citedDate ? [['urldate', citedDate]] : []),
    ['langid', 'chinese'],
  ];
  const body = fields.map(([name, value]) => `  ${name} = {${value}},`).join('\n');
  return `@online{${input.id},\n${body}\n}`;
}
