import { builtinModules } from 'module';
import { readFileSync } from 'fs';
import * as path from 'path';
import { importedSpecifiers, listSourceFiles, WorkspaceProject } from './workspace-projects';

/** Dependencies a package needs without importing them from TypeScript. */
export const NON_IMPORT_DEPENDENCIES: Record<string, string[]> = {
  // binding.gyp includes its headers when the install script compiles the addon.
  '@mimo/backend-torch': ['node-addon-api'],
};

interface Manifest {
  private?: boolean;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** Tests and their helpers may use the workspace's dev dependencies; they are not shipped. */
function shipped(file: string): boolean {
  return !/\.(spec|test-helper)\.ts$/.test(file);
}

/**
 * The npm package a bare specifier names (`@scope/name/sub` → `@scope/name`); undefined for Node built-ins, relative
 * paths and text that only looks like an import (a `${…}` in a message).
 */
export function packageOf(specifier: string): string | undefined {
  if (!/^[@a-z0-9]/i.test(specifier) || specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0])) return undefined;
  return specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
}

/**
 * For each published package (not `private`), the differences between what its shipped sources import and what
 * its package.json declares: `missing` would fail in a user's project, `unused` installs for nothing.
 */
export function manifestProblems(workspaceRoot: string, projects: WorkspaceProject[]): string[] {
  const problems: string[] = [];
  for (const project of projects) {
    const manifest = JSON.parse(readFileSync(path.join(workspaceRoot, project.root, 'package.json'), 'utf8')) as Manifest;
    if (manifest.private) continue;
    const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
    const imported = new Set<string>(NON_IMPORT_DEPENDENCIES[project.packageName] ?? []);
    for (const file of listSourceFiles(workspaceRoot, `${project.root}/src`).filter(shipped)) {
      for (const specifier of importedSpecifiers(readFileSync(path.join(workspaceRoot, file), 'utf8'))) {
        const name = packageOf(specifier);
        if (!name || name === project.packageName) continue;
        imported.add(name);
        if (!declared.has(name)) problems.push(`${file}: imports '${specifier}', which ${project.root}/package.json does not declare`);
      }
    }
    for (const name of declared) if (!imported.has(name)) problems.push(`${project.root}/package.json: declares '${name}', which nothing it ships imports`);
  }
  return problems;
}
