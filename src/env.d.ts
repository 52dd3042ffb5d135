interface ImportMetaEnv {
  /** The project root (astro.config.mjs): the content store's file paths are relative to it. */
  readonly PROJECT_ROOT: string | undefined;
}
