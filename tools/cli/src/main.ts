// The `mimo` command. Only Node built-ins and the apps' one-line descriptions load up front: each command
// imports what it uses when it runs (an app's code, express for serve, tfjs when there are tensors), so
// `mimo --help` starts at once.
import { apps, isAppName } from './apps';
import type { TensorFallback } from './commands/models-command';
import { modelsUsage } from './commands/models-usage';
import { formatTable } from './table';

const usage = () => `mimo — multi-input / multi-output deep-learning reference models

Usage:
  mimo models [--check] [--only a,b]   reference model specs; --check builds, trains, saves and reloads each
  mimo doctor                          Node / TensorFlow.js versions, backends and which one a run picks
  mimo serve --models DIR [--port N]   serve every bundle in DIR over HTTP (TensorFlow Serving style REST API)
  mimo bundle verify DIR               check a saved bundle's files against its manifest (sizes, SHA-256)
  mimo bench [--profile quick|full]    compare every app's variants over seeds and backends (mimo bench --help)
  mimo <app> <command> [flags]         ${Object.keys(apps).join(' | ')} (mimo <app> --help)

Global flags:
  --backend NAME   force a backend (tensorflow-gpu, tensorflow, torch, wasm, cpu); or set MIMO_BACKEND

Apps:
${formatTable(['app', 'what it models'], Object.values(apps).map((a) => [a.name, a.summary]))}

${modelsUsage}`;

/** Removes `--backend NAME` / `--backend=NAME` from anywhere in the arguments. */
export function takeBackendFlag(args: string[]): { backend?: string; rest: string[] } {
  const rest: string[] = [];
  let backend: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--backend') backend = args[++i];
    else if (args[i].startsWith('--backend=')) backend = args[i].slice('--backend='.length);
    else rest.push(args[i]);
  }
  return { backend, rest };
}

/**
 * Picks the backend (printing which and why) and lets loaded bundles run Mimo's fused layers, as built ones do.
 * `fallback` is the backend a command wants, and why, when neither --backend nor MIMO_BACKEND names one.
 */
async function prepareTensors(backend: string | undefined, fallback?: TensorFallback): Promise<void> {
  const [tf, { describeBackend, initBackend }, { installFusedLayers }] = await Promise.all([import('@tensorflow/tfjs'), import('@mimo/backend'), import('@mimo/core')]);
  tf.env().set('PROD', true); // the CLI says which backend it runs on and why: tfjs's "install tfjs-node" banner is noise
  installFusedLayers();
  const choice = backend || process.env.MIMO_BACKEND || !fallback ? await initBackend({ backend }) : await initBackend({ backend: fallback.backend, requestedBy: fallback.why });
  process.stderr.write(`${describeBackend(choice)}\n`);
}

export async function main(argv: string[]): Promise<number> {
  try {
    return await dispatch(argv);
  } catch (error) {
    // `--backend tpu` is a usage mistake (exit 2), not a failure.
    if ((error as Error).name !== 'BackendSelectionError') throw error;
    process.stderr.write(`mimo: ${(error as Error).message}\n`);
    return 2;
  }
}

async function dispatch(argv: string[]): Promise<number> {
  const { backend, rest } = takeBackendFlag(argv);
  const [command, ...args] = rest;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${usage()}\n`);
    return command ? 0 : 2;
  }
  if (command === 'doctor') {
    if (backend) process.env.MIMO_BACKEND = backend;
    const { doctorReport, formatDoctorReport } = await import('@mimo/backend');
    process.stdout.write(`${formatDoctorReport(await doctorReport())}\n`);
    return 0;
  }
  if (command === 'bench') {
    const { installFusedLayers } = await import('@mimo/core');
    installFusedLayers();
    return (await import('./commands/bench-command')).benchCommand(args, backend);
  }
  if (command === 'bundle') return (await import('./commands/bundle-command')).bundleCommand(args);
  if (command === 'models') return (await import('./commands/models-command')).modelsCommand(args, (fallback) => prepareTensors(backend, fallback));
  if (command === 'serve') {
    await prepareTensors(backend);
    return (await import('./commands/serve-command')).serveCommand(args);
  }
  if (!isAppName(command)) {
    const { didYouMean } = await import('@mimo/app-kit');
    process.stderr.write(`Unknown command '${command}'.${didYouMean(command, ['models', 'doctor', 'serve', 'bench', 'bundle', ...Object.keys(apps)])}\n\n${usage()}\n`);
    return 2;
  }
  const app = await apps[command].load();
  return (await import('./commands/app-command')).appCommand(app, args, () => prepareTensors(backend));
}
