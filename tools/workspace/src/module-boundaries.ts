import { readFileSync } from 'fs';
import * as path from 'path';
import { importedSpecifiers, listSourceFiles, WorkspaceProject } from './workspace-projects';

/**
 * Which project types may import which: apps → app-kit and libs; app-kit → core, data, serve, backend; serve → core, data, backend, web; data → core;
 * core → kernels (the native kernel contract, which imports nothing of ours); backend → backend, kernels; web (the built page) → nothing;
 * the CLI → apps and libs; the web app's browser tests → nothing of ours (they drive the CLI). (The rule of the architecture doc, checked by a test
 * instead of an ESLint plugin: the arrows point one way.)
 */
export const ALLOWED_IMPORTS: Record<string, string[]> = {
  'type:kernels': [],
  'type:core': ['type:kernels'],
  'type:backend': ['type:backend', 'type:kernels'],
  'type:data': ['type:core'],
  'type:web': [],
  'type:serve': ['type:core', 'type:data', 'type:backend', 'type:web'],
  'type:app-kit': ['type:core', 'type:data', 'type:serve', 'type:backend'],
  'type:app': ['type:app-kit', 'type:core', 'type:data', 'type:serve', 'type:backend'],
  'type:consumer': [],
  'type:e2e': [],
  'type:cli': ['type:app', 'type:app-kit', 'type:core', 'type:data', 'type:serve', 'type:backend', 'type:kernels'],
};

/** Checkers whose own sources hold import statements as test data. */
const UNCHECKED = 'type:workspace';

export function typeTag(project: WorkspaceProject): string {
  const tag = project.tags.find((t) => t.startsWith('type:'));
  if (!tag) throw new Error(`${project.root}/project.json: expected a 'type:…' tag. Received tags: ${JSON.stringify(project.tags)}`);
  return tag;
}

/** Each import that crosses a boundary it may not, as `file: imports 'x' (a → b)`. */
export function findBoundaryViolations(workspaceRoot: string, projects: WorkspaceProject[]): string[] {
  const byPackage = new Map(projects.map((p) => [p.packageName, p]));
  const violations: string[] = [];
  for (const project of projects.filter((p) => typeTag(p) !== UNCHECKED)) {
    const allowed = ALLOWED_IMPORTS[typeTag(project)];
    if (!allowed) throw new Error(`${project.root}: no boundary rule for ${typeTag(project)}`);
    for (const file of listSourceFiles(workspaceRoot, `${project.root}/src`)) {
      for (const specifier of importedSpecifiers(readFileSync(path.join(workspaceRoot, file), 'utf8'))) {
        if (specifier.startsWith('.')) {
          const target = path.relative(workspaceRoot, path.resolve(path.dirname(path.join(workspaceRoot, file)), specifier));
          if (!target.startsWith(`${project.root}/`)) violations.push(`${file}: imports '${specifier}' by a relative path out of ${project.root}`);
          continue;
        }
        const packageName = specifier.split('/').slice(0, 2).join('/');
        const target = byPackage.get(packageName);
        if (!target || target === project) continue;
        if (!allowed.includes(typeTag(target))) {
          violations.push(`${file}: imports '${specifier}' (${typeTag(project)} → ${typeTag(target)} is not allowed)`);
        }
      }
    }
  }
  return violations;
}
