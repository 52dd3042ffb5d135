import { defineCollection } from 'astro:content';
import { ARTICLES_DIR } from './consts.ts';
import { articleLoader } from './loaders/article-loader.ts';
import { articleSchema } from './schemas/article.ts';

const articles = defineCollection({
  loader: articleLoader(ARTICLES_DIR),
  schema: articleSchema,
});

export const collections = { articles };
