/** Thrown for an article that cannot be published; the message names the file and the field or cause. */
export class ArticleError extends Error {
  override name = 'ArticleError';
}
