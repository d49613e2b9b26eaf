// These suites test the torch backend directly (each makes it active itself), so no shared backend setup.
module.exports = { ...require('../../jest.preset.js'), displayName: 'backend-torch', rootDir: __dirname, setupFilesAfterEnv: [] };
