import { RequestHandler } from 'express';
import { ModelRegistry } from '../model/model-registry';
import { ModelVersion } from '../model/model-version';
import { decodeRecords } from '../predict/decode-records';
import { explainInputs } from '../predict/explain-inputs';
import { columnarOutputs, labelledPredictions, rowPredictions } from '../predict/format-outputs';
import { ExampleField, refuseNonFiniteInputs, refuseNonFiniteOutputs } from '../predict/check-finite';
import { exampleCount, InputBatches } from '../predict/input-batch';
import { parseColumns, parseInstances } from '../predict/parse-tensor-body';
import { describeValue, RequestError } from '../predict/request-error';
import { sendAnyError } from './send-error';

const BODY_KEYS = ['instances', 'inputs', 'records'] as const;
const VERBS = ['predict', 'explain'];
/** Explaining an example costs up to a thousand forward and backward passes per head: a request holds few. */
export const MAX_EXPLAINED_EXAMPLES = 16;

/** The loaded model a request names, or 404 `unknown_model` (names are looked up, never used as paths). */
export function findModel(registry: ModelRegistry, name: string): ModelVersion {
  const model = registry.get(name);
  if (!model) throw new RequestError(404, 'unknown_model', `expected one of the loaded models (${registry.list().map((m) => m.name).join(', ') || 'none'}), received ${describeValue(name)}`, 'model');
  return model;
}

async function readInputs(body: Record<string, unknown>, key: (typeof BODY_KEYS)[number], model: ModelVersion, maxInstances: number): Promise<InputBatches> {
  const { spec } = model.served.bundle;
  if (key === 'instances') return parseInstances(body.instances, spec, maxInstances);
  if (key === 'inputs') return parseColumns(body.inputs, spec, maxInstances);
  return decodeRecords(body.records, model.served.decodeRecords, spec, maxInstances);
}

/**
 * `POST /v1/models/{name}:explain` takes the same bodies (at most MAX_EXPLAINED_EXAMPLES examples) and answers
 * `{ explanations }`: per example and head, integrated gradients per input and a modality ablation (docs/web.md).
 *
 * `POST /v1/models/{name}:predict` with exactly one of `instances` (row format), `inputs` (columnar) or
 * `records` (raw records through the model's decoder). Answers `{ predictions }` for rows, `{ outputs }` for
 * columns, as TensorFlow Serving does; records get `{ predictions }` in the heads' terms (class names,
 * probabilities, values), as `mimo <app> predict` prints them.
 */
export function predictHandler(registry: ModelRegistry, maxInstances: number): RequestHandler {
  return async (req, res) => {
    let model: ModelVersion | undefined;
    try {
      const [name, verb] = splitTarget(String(req.params.target));
      if (!verb || !VERBS.includes(verb)) throw new RequestError(404, 'not_found', `expected /v1/models/{name}:predict or :explain, received the verb ${describeValue(verb ?? '')}`, 'url');
      model = findModel(registry, name).acquire();
      res.locals.model = model.name;
      const body: unknown = req.body;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw RequestError.badRequest('bad_type', 'body', `expected a JSON object with one of ${BODY_KEYS.join(', ')}, received ${describeValue(body)}`);
      const record = body as Record<string, unknown>;
      const keys = BODY_KEYS.filter((key) => key in record);
      if (keys.length !== 1) throw RequestError.badRequest('bad_request', 'body', `expected exactly one of ${BODY_KEYS.join(', ')}, received ${keys.length === 0 ? 'none' : keys.join(' and ')}`);
      const key = keys[0];
      const field: ExampleField = (index, input) => (key === 'inputs' ? `inputs.${input}[${index}]` : `${key}[${index}]`);
      const inputs = await readInputs(record, key, model, verb === 'explain' ? Math.min(maxInstances, MAX_EXPLAINED_EXAMPLES) : maxInstances);
      refuseNonFiniteInputs(inputs, field);
      if (verb === 'explain') {
        const explanations = explainInputs(model, inputs, exampleCount(inputs));
        if (!res.headersSent) res.json({ explanations });
        return;
      }
      const outputs = await model.batcher.predict(inputs);
      refuseNonFiniteOutputs(outputs, field);
      if (res.headersSent) return;
      if (key === 'records') res.json({ predictions: labelledPredictions(outputs, model.labels) });
      else res.json(key === 'inputs' ? { outputs: columnarOutputs(outputs) } : { predictions: rowPredictions(outputs) });
    } catch (error) {
      sendAnyError(res, error);
    } finally {
      model?.release();
    }
  };
}

/** `name:predict` → [name, 'predict']. */
export function splitTarget(target: string): [string, string | undefined] {
  const at = target.lastIndexOf(':');
  return at < 0 ? [target, undefined] : [target.slice(0, at), target.slice(at + 1)];
}
