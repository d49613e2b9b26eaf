import * as path from 'path';
import { apiReports, readReport } from './api-report';
import { readWorkspaceProjects } from './workspace-projects';

const workspaceRoot = path.resolve(__dirname, '../../..');

describe('API reports', () => {
  const reports = apiReports(workspaceRoot, readWorkspaceProjects(workspaceRoot));

  it('cover every published package', () => {
    expect([...reports.keys()].sort()).toEqual(['libs/app-kit/api.md', 'libs/backend-torch/api.md', 'libs/backend/api.md', 'libs/core/api.md', 'libs/data/api.md', 'libs/kernels/api.md', 'libs/serve/api.md', 'libs/web/api.md']);
  });

  it.each([...reports.keys()])('%s matches the public surface (run `npm run api:report` after an intended change)', (file) => {
    expect(readReport(workspaceRoot, file)).toBe(reports.get(file));
  });

  it('keeps @mimo/core under 150 public names', () => {
    const count = Number(/## @mimo\/core \((\d+) names\)/.exec(reports.get('libs/core/api.md') ?? '')?.[1]);
    expect(count).toBeGreaterThan(50);
    expect(count).toBeLessThan(150);
  });
});
