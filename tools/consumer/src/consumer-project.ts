import { execFileSync } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';

export const WORKSPACE_ROOT = path.resolve(__dirname, '..', '..', '..');
const EXAMPLE_DIR = path.resolve(__dirname, '..', 'example');

export interface PackageManifest {
  name: string;
  version: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

export function readManifest(dir: string): PackageManifest {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageManifest;
}

/** The libraries Mimo publishes: every libs/* package not marked private. */
export function publishedLibraries(): { dir: string; manifest: PackageManifest }[] {
  const libs = path.join(WORKSPACE_ROOT, 'libs');
  return readdirSync(libs)
    .map((name) => ({ dir: path.join(libs, name), manifest: readManifest(path.join(libs, name)) }))
    .filter(({ manifest }) => manifest.private !== true);
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}

/** `npm install`, tried up to three times: a registry connection reset is not a failure of the packages. */
function installWithRetries(dir: string): void {
  for (let attempt = 1; ; attempt++) {
    try {
      run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], dir);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

export interface ConsumerProject {
  dir: string;
  /** Deletes the temporary folder (tarballs and project). */
  remove(): void;
  /** Runs `command args` in the project, returning stdout; a non-zero exit throws with the output. */
  run(command: string, args: string[], env?: NodeJS.ProcessEnv): string;
}

/**
 * A fresh npm project in a temporary folder outside the repository, with every published library installed from
 * its `npm pack` tarball (built dist/, as a user gets it: the backend-torch addon compiles in its install script),
 * @tensorflow/tfjs as the peer, TypeScript and @types/node, and the example consumers copied in.
 */
export function createConsumerProject(): ConsumerProject {
  const root = mkdtempSync(path.join(os.tmpdir(), 'mimo-consumer-'));
  const tarballs = path.join(root, 'tarballs');
  const dir = path.join(root, 'project');
  mkdirSync(tarballs);
  mkdirSync(dir);
  const workspace = readManifest(WORKSPACE_ROOT);
  const versionOf = (name: string): string => workspace.dependencies?.[name] ?? workspace.devDependencies?.[name] ?? 'latest';
  const dependencies: Record<string, string> = { '@tensorflow/tfjs': versionOf('@tensorflow/tfjs') };
  for (const { dir: libDir, manifest } of publishedLibraries()) {
    const tarball = run('npm', ['pack', libDir, '--pack-destination', tarballs, '--silent'], WORKSPACE_ROOT).trim().split('\n').at(-1) ?? '';
    dependencies[manifest.name] = `file:${path.join(tarballs, tarball)}`;
  }
  const manifest = {
    name: 'mimo-consumer',
    version: '1.0.0',
    private: true,
    dependencies,
    devDependencies: { typescript: versionOf('typescript'), '@types/node': versionOf('@types/node') },
    // npm 11 asks a project to approve dependencies' install scripts: this one compiles the torch addon.
    allowScripts: { '@mimo/backend-torch': true },
  };
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const file of readdirSync(EXAMPLE_DIR)) copyFileSync(path.join(EXAMPLE_DIR, file), path.join(dir, file));
  installWithRetries(dir);
  return { dir, remove: () => rmSync(root, { recursive: true, force: true }), run: (command, args, env) => run(command, args, dir, env) };
}
