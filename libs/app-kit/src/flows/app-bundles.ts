import { existsSync, promises as fs } from 'fs';
import * as path from 'path';
import { AppModelCard } from './model-card';

/** A bundle an app's train command wrote: its folder name, path and model card. */
export interface AppBundleEntry {
  name: string;
  dir: string;
  card: AppModelCard;
}

/** Every bundle of `app` (a folder whose card.json names that app) directly under `runs`, sorted by name. */
export async function listAppBundles(runs: string, app: string): Promise<AppBundleEntry[]> {
  if (!existsSync(runs)) return [];
  const found: AppBundleEntry[] = [];
  for (const name of (await fs.readdir(runs)).sort()) {
    const dir = path.join(runs, name);
    const cardFile = path.join(dir, 'card.json');
    if (!existsSync(cardFile)) continue;
    const card = JSON.parse(await fs.readFile(cardFile, 'utf8')) as AppModelCard;
    if (card.app === app) found.push({ name, dir, card });
  }
  return found;
}
