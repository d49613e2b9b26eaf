// Test helpers of @mimo/app-kit (`@mimo/app-kit/testing`): for specs only.
export * from './run-command';
export * from './table-plugin';
