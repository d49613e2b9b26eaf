import { transformSync } from '@swc/core';
import { promises as fs, readFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * Runs every ```ts example of docs/training.md, so the documentation cannot drift from the code. Each runs in a
 * temp folder (they write checkpoints and logs to out/…), with `@mimo/core` resolved to this library.
 */
const doc = readFileSync(path.resolve(__dirname, '../../../../docs/training.md'), 'utf8');
const examples = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => {
  const section = [...doc.slice(0, m.index).matchAll(/^## (.*)$/gm)].pop()?.[1] ?? 'introduction';
  return [section, m[1]] as const;
});

function load(source: string): Promise<void> {
  const { code } = transformSync(source.replace(/^main\(\);$/m, 'module.exports.done = main();'), {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  const module = { exports: {} as { done?: Promise<void> } };
  const resolve = (name: string): unknown => (name === '@mimo/core' ? require('../index') : require(name));
  const quiet = { ...console, log: () => undefined };
  new Function('require', 'module', 'exports', 'console', code)(resolve, module, module.exports, quiet);
  if (!module.exports.done) throw new Error('the example does not end with main();');
  return module.exports.done;
}

describe('docs/training.md examples', () => {
  const cwd = process.cwd();
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mimo-docs-'));
    process.chdir(dir);
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true); // the progress display
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    process.chdir(cwd);
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('has an example per feature', () => {
    expect(examples.length).toBeGreaterThanOrEqual(8);
  });

  it.each(examples)('the %s example runs', async (_name, source) => {
    await load(source);
  });
});
