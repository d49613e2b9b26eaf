import { checkModel, inputShape, ModelCheckResult, ModelSpec, parseModelSpec, referenceSpecs, buildModel } from '@mimo/core';
import { parseArgs } from 'util';
import { formatTable } from '../table';
import { modelsUsage } from './models-usage';

function describeInputs(spec: ModelSpec): string {
  return Object.entries(spec.inputs)
    .map(([name, input]) => `${name}:${input.kind}[${inputShape(input).map((d) => d ?? '?').join('×')}]`)
    .join(' ');
}

function describeHeads(spec: ModelSpec): string {
  return Object.entries(spec.heads)
    .map(([name, head]) => `${name}:${head.type}`)
    .join(' ');
}

function countParams(spec: ModelSpec): number {
  const model = buildModel(spec);
  const params = model.countParams();
  model.dispose();
  return params;
}

function checkRow(result: ModelCheckResult): string[] {
  return [
    result.ok ? 'ok' : 'FAIL',
    result.name,
    String(result.params),
    `${result.lossFirst.toFixed(4)} → ${result.lossLast.toFixed(4)}`,
    Number.isNaN(result.maxDiff) ? '-' : String(result.maxDiff),
    `${result.seconds.toFixed(1)}s`,
    result.problems.join('; '),
  ];
}


/** `mimo models`: list the reference specs; with `--check`, prove each builds, trains and round-trips. */
/** The backend a command runs on when the user names none, and why. */
export interface TensorFallback {
  backend: string;
  why: string;
}

/**
 * `prepareTensors(fallback)` picks the backend; a listing only counts parameters, which needs no accelerator, so it
 * asks for tfjs's cpu backend unless the user named one (loading libtorch alone takes longer than the count).
 */
export async function modelsCommand(args: string[], prepareTensors: (fallback?: TensorFallback) => Promise<void>): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { check: { type: 'boolean' }, only: { type: 'string' }, steps: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(`${modelsUsage}\n`);
    return 0;
  }
  const only = values.only?.split(',').map((s) => s.trim());
  const unknown = only?.filter((name) => !referenceSpecs.some((s) => s.name === name)) ?? [];
  if (unknown.length) {
    process.stderr.write(`Unknown model(s): ${unknown.join(', ')}. Known: ${referenceSpecs.map((s) => s.name).join(', ')}\n`);
    return 2;
  }
  await prepareTensors(values.check ? undefined : { backend: 'cpu', why: 'mimo models' });
  const specs = referenceSpecs.filter((s) => !only || only.includes(s.name)).map((raw) => parseModelSpec(raw));
  if (!values.check) {
    if (values.json) process.stdout.write(`${JSON.stringify(specs, null, 2)}\n`);
    else process.stdout.write(`${formatTable(['model', 'inputs', 'outputs', 'params'], specs.map((s) => [s.name, describeInputs(s), describeHeads(s), String(countParams(s))]))}\n`);
    return 0;
  }
  const steps = values.steps === undefined ? 3 : Number(values.steps);
  if (!Number.isInteger(steps) || steps < 1) {
    process.stderr.write(`--steps expects a positive integer. Received: ${values.steps}\n`);
    return 2;
  }
  const header = ['status', 'model', 'params', 'loss first → last', 'max |Δ| after load', 'time', 'problems'];
  const results: ModelCheckResult[] = [];
  for (const [i, spec] of specs.entries()) {
    if (!values.json) process.stdout.write(`[${i + 1}/${specs.length}] checking ${spec.name}…\n`);
    results.push(await checkModel(spec, { steps }));
    if (!values.json) process.stdout.write(`${checkRow(results[results.length - 1]).slice(0, 2).join(' ')}\n`);
  }
  if (values.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  else process.stdout.write(`\n${formatTable(header, results.map(checkRow))}\n`);
  const failed = results.filter((r) => !r.ok).length;
  process.stdout.write(`\n${results.length - failed} passed, ${failed} failed\n`);
  return failed ? 1 : 0;
}
