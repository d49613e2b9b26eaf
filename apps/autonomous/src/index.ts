import { createAppCommands } from '@mimo/app-kit';
import { AppDefinition } from '@mimo/core';
import { autonomousSpec } from './model';
import { autonomousPlugin } from './plugin/autonomous-plugin';

export { autonomousPlugin } from './plugin/autonomous-plugin';
export { autonomousSpecFor, VARIANTS } from './model';
export type { Variant } from './model';

export const autonomousApp: AppDefinition = {
  name: 'autonomous',
  summary: 'Camera image + LIDAR ranges → manoeuvre class',
  spec: autonomousSpec,
  commands: createAppCommands(autonomousPlugin),
};
