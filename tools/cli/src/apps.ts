import { autonomousApp } from '@mimo/autonomous';
import { AppDefinition } from '@mimo/core';
import { financeApp } from '@mimo/finance';
import { healthcareApp } from '@mimo/healthcare';
import { nlpApp } from '@mimo/nlp';

export const apps: Record<string, AppDefinition> = {
  healthcare: healthcareApp,
  nlp: nlpApp,
  finance: financeApp,
  autonomous: autonomousApp,
};
