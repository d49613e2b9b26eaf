export { explainExample } from './explain-example';
export type { ExplainOptions, HeadExplanation, InputAttribution } from './explain-example';
export { BASELINE_BY_KIND } from './input-baselines';
