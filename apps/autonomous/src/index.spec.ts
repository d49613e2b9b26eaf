import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { appRecordDecoder } from '@mimo/app-kit';
import { loadServedModel, startServer } from '@mimo/serve';
import { autonomousApp, autonomousPlugin } from './index';
import { MANOEUVRES } from './scene/planner';

async function run(command: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  try {
    return { code: await autonomousApp.commands[command].run(args), out, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mimo-autonomous-'));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe('mimo autonomous (end to end, tiny)', () => {
  it('trains on generated scenes, evaluates with --json, and predicts with one sensor missing', async () => {
    const model = path.join(dir, 'model');
    const train = await run('train', ['--tiny', '--epochs', '2', '--out', model, '--seed', '3']);
    expect(train.err).not.toMatch(/mimo autonomous train:/);
    expect(train.code).toBe(0);
    expect(JSON.parse(train.out)).toMatchObject({ bundle: model, test: { manoeuvre: { accuracy: expect.any(Number) } } });
    const state = JSON.parse(await fs.readFile(path.join(model, 'preprocessing.json'), 'utf8'));
    expect(state).toMatchObject({ format: 'mimo.autonomous', classes: ['forward', 'slight_left', 'slight_right', 'sharp_left', 'sharp_right', 'stop'] });

    const json = path.join(dir, 'metrics.json');
    const evaluate = await run('evaluate', ['--model', model, '--json', json]);
    expect(evaluate.code).toBe(0);
    const report = JSON.parse(await fs.readFile(json, 'utf8'));
    expect(report).toMatchObject({ dataset: 'generated scenes', n: 24, heads: { manoeuvre: { accuracy: expect.any(Number) } } });

    const generate = await run('generate', ['--out', path.join(dir, 'scenes'), '--count', '2']);
    expect(generate.code).toBe(0);
    const ranges = Array.from({ length: 24 }, () => 6);
    await fs.writeFile(
      path.join(dir, 'scenes', 'frames.jsonl'),
      [{ camera: 'images/scene_00000.png', ranges }, { ranges }, { camera: 'images/scene_00001.png' }].map((r) => JSON.stringify(r)).join('\n'),
    );
    const predict = await run('predict', ['--model', model, '--input', path.join(dir, 'scenes', 'frames.jsonl')]);
    expect(predict.err).not.toMatch(/mimo autonomous predict:/);
    expect(predict.code).toBe(0);
    const lines = predict.out.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      const { probabilities } = line.manoeuvre as { probabilities: Record<string, number> };
      expect(Object.keys(probabilities).sort()).toEqual([...MANOEUVRES].sort());
      expect(line.manoeuvre.class).toBe(Object.entries(probabilities).sort(([, a], [, b]) => b - a)[0][0]);
    }

    // Over HTTP the same records, images as base64, get the same probabilities.
    const image = async (name: string) => (await fs.readFile(path.join(dir, 'scenes', 'images', name))).toString('base64');
    const records = [{ camera: await image('scene_00000.png'), ranges }, { ranges }, { camera: await image('scene_00001.png') }];
    const server = await startServer({ models: [await loadServedModel(model, { decoderFor: (bundle) => appRecordDecoder(autonomousPlugin, bundle) })], port: 0 });
    try {
      const response = await fetch(`${server.url}/v1/models/model:predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ records }) });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { predictions: unknown[] }).predictions).toEqual(lines);
    } finally {
      await server.close();
    }
  });

  it('trains on a manifest the user brings, LIDAR only', async () => {
    await run('generate', ['--out', path.join(dir, 'brought'), '--count', '60', '--seed', '5']);
    const result = await run('train', ['--data', path.join(dir, 'brought', 'manifest.csv'), '--inputs', 'lidar', '--epochs', '1', '--out', path.join(dir, 'lidar')]);
    expect(result.err).not.toMatch(/mimo autonomous train:/);
    expect(result.code).toBe(0);
  });

  it('trains on ranges alone: no camera or frame_id column, the number of beams from the data (a wall-following robot)', async () => {
    // Four beams; the manoeuvre is read off them: turn away from the nearest side, else go forward.
    const rows = Array.from({ length: 240 }, (_, i) => {
      const [front, left, right, back] = [((i * 7) % 23) / 5, ((i * 11) % 19) / 4, ((i * 13) % 17) / 4, 2];
      const label = front > 1.2 ? 'forward' : left < right ? 'turn_right' : 'turn_left';
      return [front, left, right, back, label].join(',');
    });
    const manifest = path.join(dir, 'robot.csv');
    await fs.writeFile(manifest, ['r1,r2,r3,r4,label', ...rows].join('\n'));
    const model = path.join(dir, 'robot');
    const withCamera = await run('train', ['--data', manifest, '--epochs', '1', '--out', model]);
    expect(withCamera).toMatchObject({ code: 1, err: expect.stringContaining('robot.csv:1: expected a column "camera" (image paths, relative to the manifest) for a model that reads the camera; to train on the ranges alone, give --inputs lidar') });
    const train = await run('train', ['--data', manifest, '--inputs', 'lidar', '--epochs', '30', '--out', model]);
    expect(train.err).not.toMatch(/mimo autonomous train:/);
    expect(train.code).toBe(0);
    const card = JSON.parse(await fs.readFile(path.join(model, 'card.json'), 'utf8'));
    expect(card).toMatchObject({ inputs: ['lidar'], classes: { manoeuvre: ['forward', 'turn_left', 'turn_right'] }, data: { real: ['range scans from the manifest (no camera)'] } });
    expect(JSON.parse(await fs.readFile(path.join(model, 'preprocessing.json'), 'utf8'))).toMatchObject({ beams: 4, maxRange: expect.any(Number) });
    const spec = JSON.parse((await run('spec', ['--model', model, '--json'])).out);
    expect(spec.recordFields).toEqual([{ name: 'ranges', kind: 'number list', required: true, example: [expect.any(Number), expect.any(Number), expect.any(Number), expect.any(Number)], note: expect.stringMatching(/^4 ranges in metres/) }]);
    const evaluation = JSON.parse((await run('evaluate', ['--model', model])).out);
    expect(evaluation.heads.manoeuvre.accuracy).toBeGreaterThan(0.8);
    expect(evaluation.verdicts.manoeuvre).toMatch(/^skill: accuracy/);
    await fs.writeFile(path.join(dir, 'scan.jsonl'), '{"ranges": [4, 1, 3, 2]}\n{"r1": 0.2, "r2": 3, "r3": 0.5, "r4": 2}\n');
    const predict = await run('predict', ['--model', model, '--input', path.join(dir, 'scan.jsonl')]);
    expect(predict.out.trim().split('\n').map((line) => JSON.parse(line).manoeuvre.class)).toEqual(['forward', 'turn_left']);
  });

  it('fails clearly on a bad manifest row, a missing image and a bad flag', async () => {
    const scenes = path.join(dir, 'bad');
    await run('generate', ['--out', scenes, '--count', '3']);
    const manifest = path.join(scenes, 'manifest.csv');
    const lines = (await fs.readFile(manifest, 'utf8')).split('\n');
    await fs.writeFile(manifest, [lines[0], lines[1], lines[2].replace('images/scene_00001.png', 'images/gone.png')].join('\n'));
    const missing = await run('train', ['--data', manifest, '--epochs', '1']);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/mimo autonomous train: .*manifest.csv:3: column "camera": expected a camera image file, received a path that does not exist \(.*gone.png\)/);
    const cells = lines[1].split(',');
    cells[2] = 'oops';
    await fs.writeFile(manifest, [lines[0], cells.join(',')].join('\n'));
    const bad = await run('train', ['--data', manifest, '--epochs', '1']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/manifest.csv:2: column "r1": expected a range in metres \(a finite number ≥ 0\), received "oops"/);
    expect(await run('generate', ['--count', '2'])).toMatchObject({ code: 2, err: expect.stringContaining('--out is required') });
    expect(await run('train', ['--fusion', 'magic'])).toMatchObject({ code: 2 });
  });
});
