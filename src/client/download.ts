/** Hands a file made in the page to the browser's downloads. */

/** How long the file's object URL stays valid: the download has long started by then. */
const KEEP_URL_MS = 60_000;

/** Downloads `parts` as one file named `name` of MIME type `type`, through an `<a download>`. */
export function downloadFile(parts: BlobPart[], type: string, name: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked at once, the URL could be gone before the browser has read the file.
  setTimeout(() => URL.revokeObjectURL(url), KEEP_URL_MS);
}
