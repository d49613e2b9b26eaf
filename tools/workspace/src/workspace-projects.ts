import { readdirSync, readFileSync, existsSync } from 'fs';
import * as path from 'path';

export interface WorkspaceProject {
  name: string;
  /** Folder relative to the workspace root, e.g. `libs/core`. */
  root: string;
  /** npm name other projects import it by, e.g. `@mimo/core`. */
  packageName: string;
  tags: string[];
}

/** Every Nx project of the workspace (a folder under apps/, libs/ or tools/ with a project.json). */
export function readWorkspaceProjects(workspaceRoot: string): WorkspaceProject[] {
  return ['apps', 'libs', 'tools'].flatMap((group) =>
    readdirSync(path.join(workspaceRoot, group), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(path.join(workspaceRoot, group, entry.name, 'project.json')))
      .map((entry) => {
        const root = `${group}/${entry.name}`;
        const project = JSON.parse(readFileSync(path.join(workspaceRoot, root, 'project.json'), 'utf8')) as { name: string; tags?: string[] };
        const pkg = JSON.parse(readFileSync(path.join(workspaceRoot, root, 'package.json'), 'utf8')) as { name: string };
        return { name: project.name, root, packageName: pkg.name, tags: project.tags ?? [] };
      }),
  );
}

/** All TypeScript files below a folder, relative to the workspace root. */
export function listSourceFiles(workspaceRoot: string, folder: string): string[] {
  const absolute = path.join(workspaceRoot, folder);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute, { withFileTypes: true }).flatMap((entry) => {
    const relative = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'build' ? [] : listSourceFiles(workspaceRoot, relative);
    return entry.name.endsWith('.ts') ? [relative] : [];
  });
}

/** Module specifiers a TypeScript file imports, requires or dynamically imports. */
export function importedSpecifiers(source: string): string[] {
  const pattern = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;
  return Array.from(source.matchAll(pattern), (match) => match[1]);
}
