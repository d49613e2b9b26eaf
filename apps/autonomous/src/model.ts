import { referenceSpec } from '@mimo/core';

/** Camera image + LIDAR ranges → manoeuvre class: the seed reference model until the app's own data and heads land. */
export const autonomousSpec = referenceSpec('autonomous_camera_lidar');
