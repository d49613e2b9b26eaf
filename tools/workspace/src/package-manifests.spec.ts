import * as path from 'path';
import { manifestProblems, packageOf } from './package-manifests';
import { readWorkspaceProjects } from './workspace-projects';

const workspaceRoot = path.resolve(__dirname, '../../..');

describe('package manifests', () => {
  it('declare exactly the packages their shipped sources import', () => {
    expect(manifestProblems(workspaceRoot, readWorkspaceProjects(workspaceRoot))).toEqual([]);
  });

  it('name the package of a specifier and skip Node built-ins', () => {
    expect(packageOf('@mimo/data/testing')).toBe('@mimo/data');
    expect(packageOf('csv-parse/sync')).toBe('csv-parse');
    expect(packageOf('fs')).toBeUndefined();
    expect(packageOf('node:path')).toBeUndefined();
    expect(packageOf('./local')).toBeUndefined();
    expect(packageOf('${name}')).toBeUndefined();
  });
});
