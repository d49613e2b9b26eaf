// `npm run api:report`: rewrites each published package's api.md from its public entries.
import { writeFileSync } from 'fs';
import * as path from 'path';
import { apiReports } from './api-report';
import { readWorkspaceProjects } from './workspace-projects';

const workspaceRoot = path.resolve(__dirname, '../../..');
for (const [file, report] of apiReports(workspaceRoot, readWorkspaceProjects(workspaceRoot))) {
  writeFileSync(path.join(workspaceRoot, file), report);
  console.log(`wrote ${file}`);
}
