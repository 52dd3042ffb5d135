/**
 * The manifest of content/bulletins/: which compiled bulletins the archive was imported from,
 * and with which importer options. The round-trip test re-imports each one with its options.
 */
import { z } from 'astro/zod';

/** One bulletin as received, kept unchanged beside the manifest. */
export const bulletinEntrySchema = z.strictObject({
  /** File name in content/bulletins/, as received (no folders). */
  file: z
    .string()
    .regex(/^[^/\\]+\.txt$/, { error: 'file must be a .txt file name in content/bulletins/' }),
  /** Importer options it was imported with, e.g. ["--year", "2024"] (never --out). */
  options: z
    .array(z.string())
    .refine((options) => !options.some((option) => option.startsWith('--out')), {
      error: 'options must not choose the output folder',
    }),
  /** Where the bulletin came from and what it holds, in a sentence. */
  origin: z.string().trim().min(1, { error: 'origin must say where the bulletin came from' }),
});

/** The manifest: bulletins in the order they were imported (later ones may add -2 suffixes). */
export const bulletinManifestSchema = z.strictObject({
  /** Bulletins in import order. */
  bulletins: z.array(bulletinEntrySchema).min(1),
});

/** A validated manifest. */
export type BulletinManifest = z.output<typeof bulletinManifestSchema>;
