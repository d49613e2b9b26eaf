import { referenceSpec } from '@mimo/core';

/** Text + user / context features → sentiment: the seed reference model until the app's own data and heads land. */
export const nlpSpec = referenceSpec('nlp_text_user');
