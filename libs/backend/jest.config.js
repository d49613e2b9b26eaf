// Backend selection is what these suites test, so they start from a fresh engine (no shared backend setup).
module.exports = { ...require('../../jest.preset.js'), displayName: 'backend', rootDir: __dirname, setupFilesAfterEnv: [] };
