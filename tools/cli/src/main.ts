import { describeBackend, formatDoctorReport, doctorReport, initBackend } from '@mimo/backend';
import { installFusedLayers } from '@mimo/core';
import { apps } from './apps';
import { appCommand } from './commands/app-command';
import { benchCommand } from './commands/bench-command';
import { modelsCommand, modelsUsage } from './commands/models-command';
import { serveCommand } from './commands/serve-command';
import { formatTable } from './table';

const usage = () => `mimo — multi-input / multi-output deep-learning reference models

Usage:
  mimo models [--check] [--only a,b]   reference model specs; --check builds, trains, saves and reloads each
  mimo doctor                          Node / TensorFlow.js versions, backends and which one a run picks
  mimo serve --models DIR [--port N]   serve every bundle in DIR over HTTP (TensorFlow Serving style REST API)
  mimo bench [--profile quick|full]    compare every app's variants over seeds and backends (mimo bench --help)
  mimo <app> <command> [flags]         ${Object.keys(apps).join(' | ')}

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

export async function main(argv: string[]): Promise<number> {
  const { backend, rest } = takeBackendFlag(argv);
  const [command, ...args] = rest;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${usage()}\n`);
    return command ? 0 : 2;
  }
  if (command === 'doctor') {
    if (backend) process.env.MIMO_BACKEND = backend;
    process.stdout.write(`${formatDoctorReport(await doctorReport())}\n`);
    return 0;
  }
  // Bundles the CLI loads run their Dense / LSTM / GRU layers as the fused kernels, as the models it builds do.
  installFusedLayers();
  if (command === 'bench') return benchCommand(args, backend);
  if (command !== 'models' && command !== 'serve' && !(command in apps)) {
    process.stderr.write(`Unknown command '${command}'.\n\n${usage()}\n`);
    return 2;
  }
  const choice = await initBackend({ backend });
  process.stderr.write(`${describeBackend(choice)}\n`);
  if (command === 'serve') return serveCommand(args);
  return command === 'models' ? modelsCommand(args) : appCommand(apps[command], args);
}
