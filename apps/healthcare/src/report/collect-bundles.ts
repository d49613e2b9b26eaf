import { AppModelCard } from '@mimo/app-kit';
import { existsSync, promises as fs } from 'fs';
import * as path from 'path';

export interface RunBundle {
  name: string;
  dir: string;
  card: AppModelCard;
}

/** Every healthcare bundle (a folder with a card.json whose app is healthcare) directly under `runs`, by name. */
export async function collectBundles(runs: string): Promise<RunBundle[]> {
  if (!existsSync(runs)) return [];
  const found: RunBundle[] = [];
  for (const name of (await fs.readdir(runs)).sort()) {
    const cardFile = path.join(runs, name, 'card.json');
    if (!existsSync(cardFile)) continue;
    const card = JSON.parse(await fs.readFile(cardFile, 'utf8')) as AppModelCard;
    if (card.app === 'healthcare') found.push({ name, dir: path.join(runs, name), card });
  }
  return found;
}
