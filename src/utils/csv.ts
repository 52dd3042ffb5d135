/**
 * CSV as RFC 4180 writes it: records end in CRLF; a field holding a comma, a double quote, CR
 * or LF is enclosed in double quotes, with its quotes doubled. Text is written as it is: a
 * field starting with = + - @ is not prefixed, so every tool reads back the source's words.
 */

/** The byte-order mark that makes Excel read a CSV file as UTF-8 (it guesses the system's code page otherwise). */
export const UTF8_BOM = '\uFEFF';

/** One field, quoted where RFC 4180 requires it. */
export const csvField = (value: string) =>
  /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;

/** One record with its line end. */
export const csvRecord = (fields: readonly string[]) => `${fields.map(csvField).join(',')}\r\n`;
