// The public API of @mimo/web (see docs/web.md): where the built web app's static files are. @mimo/serve serves
// them at `/`; the browser entry `mimo-browser.js` among them runs a bundle with plain @tensorflow/tfjs.
import { existsSync } from 'fs';
import * as path from 'path';

/** The names of the web app's built files that a page loads. */
export const WEB_FILES = ['index.html', 'app.js', 'app.css', 'mimo-browser.js', 'tf.min.js'] as const;

/** The folder of the built web app (dist/public); the error says how to build it when it is not there. */
export function webAssetsDir(): string {
  // From dist/index.js the files are beside it; from the sources (tests, tsx) they are in ../dist.
  const candidates = [path.join(__dirname, 'public'), path.join(__dirname, '..', 'dist', 'public')];
  const found = candidates.find((dir) => WEB_FILES.every((file) => existsSync(path.join(dir, file))));
  if (!found) throw new Error(`the web app is not built (looked in ${candidates.join(' and ')}): run \`npx nx run web:build\``);
  return found;
}
