import * as path from 'path';
import { ALLOWED_IMPORTS, findBoundaryViolations, typeTag } from './module-boundaries';
import { importedSpecifiers, readWorkspaceProjects } from './workspace-projects';

const workspaceRoot = path.resolve(__dirname, '../../..');

describe('module boundaries', () => {
  const projects = readWorkspaceProjects(workspaceRoot);

  it('finds the projects with their tags', () => {
    expect(projects.map((p) => p.name)).toEqual(expect.arrayContaining(['core', 'data', 'backend', 'serve', 'healthcare', 'nlp', 'finance', 'autonomous', 'cli']));
    for (const project of projects.filter((p) => p.name !== 'workspace')) expect(Object.keys(ALLOWED_IMPORTS)).toContain(typeTag(project));
  });

  it('has no import that points the wrong way', () => {
    expect(findBoundaryViolations(workspaceRoot, projects)).toEqual([]);
  });

  it('reads every import form', () => {
    const source = `import * as tf from '@tensorflow/tfjs';\nimport './side-effect';\nconst x = require('@mimo/core');\nawait import("@mimo/data/testing");`;
    expect(importedSpecifiers(source)).toEqual(['@tensorflow/tfjs', './side-effect', '@mimo/core', '@mimo/data/testing']);
  });

  it('would catch core importing an app, and a relative path into another project', () => {
    const fake = [
      { name: 'core', root: 'libs/core', packageName: '@mimo/core', tags: ['type:core'] },
      { name: 'healthcare', root: 'apps/healthcare', packageName: '@mimo/healthcare', tags: ['type:app'] },
    ];
    const fs = jest.requireActual<typeof import('fs')>('fs');
    const os = jest.requireActual<typeof import('os')>('os');
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mimo-boundaries-'));
    for (const [file, text] of [
      ['libs/core/src/index.ts', "import { x } from '@mimo/healthcare';\nimport { y } from '../../../apps/healthcare/src/model';\n"],
      ['apps/healthcare/src/index.ts', "import { z } from '@mimo/core/internal';\n"],
    ]) {
      fs.mkdirSync(path.join(tmp, path.dirname(file)), { recursive: true });
      fs.writeFileSync(path.join(tmp, file), text);
    }
    expect(findBoundaryViolations(tmp, fake)).toEqual([
      "libs/core/src/index.ts: imports '@mimo/healthcare' (type:core → type:app is not allowed)",
      "libs/core/src/index.ts: imports '../../../apps/healthcare/src/model' by a relative path out of libs/core",
    ]);
    fs.rmSync(tmp, { recursive: true, force: true });
  });
});
