// Reads source files only: no TensorFlow.js backend needed.
module.exports = { ...require('../../jest.preset.js'), displayName: 'workspace', rootDir: __dirname, setupFilesAfterEnv: [] };
