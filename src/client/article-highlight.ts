/** Loads the highlighter only when a search result sent the reader here (?highlight=…). */
// `?worker&url` bundles highlight.ts with its imports into one self-contained file and gives its
// URL;
// importing that URL directly spares every article page Vite's ~1 kB preload helper.
import highlighterUrl from './highlight.ts?worker&url';

if (new URLSearchParams(location.search).has('highlight'))
  void import(/* @vite-ignore */ highlighterUrl);
