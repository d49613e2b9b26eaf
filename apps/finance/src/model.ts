import { referenceSpec } from '@mimo/core';

/** Price / volume window + news sentiment → next-period return: the seed reference model until the app's own data and heads land. */
export const financeSpec = referenceSpec('finance_prices_sentiment');
