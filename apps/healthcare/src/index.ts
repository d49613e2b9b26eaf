import { AppDefinition, pendingCommands } from '@mimo/core';
import { healthcareSpec } from './model';

export const healthcareApp: AppDefinition = {
  name: 'healthcare',
  summary: 'Lab values + chest X-ray → outcome',
  spec: healthcareSpec,
  commands: pendingCommands('healthcare', 'Healthcare and autonomous-sensor apps'),
};
