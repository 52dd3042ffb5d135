/**
 * Every article answers at /articles/<id>/ and at each of its former IDs (formerIds), where a
 * page redirects to it. No address may belong to two articles, or a link would lead to the
 * wrong report depending on which page the build wrote last.
 */

/** The addresses one article claims, and its file for messages. */
export interface ArticleClaim {
  file: string;
  id: string;
  formerIds: readonly string[];
}

/** One line per address claimed twice, naming both files and how each claims it. */
export function addressConflicts(claims: readonly ArticleClaim[]): string[] {
  const owners = new Map<string, { file: string; how: string }>();
  for (const { file, id } of claims) owners.set(id, { file, how: 'its ID' });
  const problems: string[] = [];
  for (const { file, id, formerIds } of claims) {
    for (const formerId of formerIds) {
      const owner = owners.get(formerId);
      if (formerId === id) problems.push(`${file}: formerIds lists the article's own ID "${id}"`);
      else if (owner)
        problems.push(
          `/articles/${formerId}/ is claimed twice: by ${owner.file} (${owner.how}) and by ${file} (formerIds)`,
        );
      else owners.set(formerId, { file, how: 'formerIds' });
    }
  }
  return problems;
}
