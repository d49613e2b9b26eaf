import { AppDefinition, pendingCommands } from '@mimo/core';
import { autonomousSpec } from './model';

export const autonomousApp: AppDefinition = {
  name: 'autonomous',
  summary: 'Camera image + LIDAR ranges → manoeuvre class',
  spec: autonomousSpec,
  commands: pendingCommands('autonomous', 'Healthcare and autonomous-sensor apps'),
};
