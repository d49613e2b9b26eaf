import { referenceSpec } from '@mimo/core';

/** Lab values + chest X-ray → outcome: the seed reference model until the app's own data and heads land. */
export const healthcareSpec = referenceSpec('healthcare_labs_image');
