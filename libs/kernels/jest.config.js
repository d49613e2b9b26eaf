module.exports = { ...require('../../jest.preset.js'), displayName: 'kernels', rootDir: __dirname, setupFilesAfterEnv: [] };
