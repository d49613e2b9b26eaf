// Test helpers for suites that read the real data sets (jest globals: import only from spec files).
export * from './dataset-suite';
