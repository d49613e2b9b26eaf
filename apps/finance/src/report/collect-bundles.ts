import { existsSync, promises as fs } from 'fs';
import * as path from 'path';

/** Names of the finance bundles (folders whose card.json has app "finance") directly under `runs`, sorted. */
export async function financeBundleNames(runs: string): Promise<string[]> {
  if (!existsSync(runs)) return [];
  const names: string[] = [];
  for (const name of (await fs.readdir(runs)).sort()) {
    const cardFile = path.join(runs, name, 'card.json');
    if (existsSync(cardFile) && (JSON.parse(await fs.readFile(cardFile, 'utf8')) as { app?: string }).app === 'finance') names.push(name);
  }
  return names;
}
