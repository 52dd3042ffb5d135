/** Entry of static-server-process.ts: serves as told on argv[2] (JSON), prints the URL, runs until killed. */
import { serveStatic, type ServeOptions } from './static-server.ts';

const { root, base, options } = JSON.parse(process.argv[2]!) as {
  root: string;
  base: string;
  options: ServeOptions;
};
const server = await serveStatic(root, base, options);
console.log(server.url);
