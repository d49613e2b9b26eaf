import { ModelVersion } from '../model/model-version';

const error = { $ref: '#/components/schemas/Error' };
const jsonError = (description: string) => ({ description, content: { 'application/json': { schema: error } } });

/** The OpenAPI 3 description of the server, with the loaded model names. */
export function openApiDocument(models: readonly ModelVersion[]): Record<string, unknown> {
  const name = { name: 'name', in: 'path', required: true, schema: { type: 'string', enum: models.map((m) => m.name) } };
  return {
    openapi: '3.0.3',
    info: { title: 'Mimo model server', version: '1', description: 'TensorFlow Serving–style REST API for Mimo model bundles.' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error', 'code'],
          properties: { error: { type: 'string' }, code: { type: 'string' }, field: { type: 'string' } },
        },
        PredictRequest: {
          type: 'object',
          description: 'Exactly one of instances (row format), inputs (columnar format) or records (raw records, when the model has a record decoder).',
          properties: {
            instances: { type: 'array', items: {}, description: 'One entry per example: an object keyed by input name (or the value itself for a single-input model).' },
            inputs: { description: 'Input name → list of examples (or the list itself for a single-input model).' },
            records: { type: 'array', items: { type: 'object' }, description: "Raw records as the app's predict command takes them; images as base64." },
          },
        },
      },
    },
    security: [{ bearer: [] }],
    paths: {
      '/v1/models/{name}': { get: { summary: 'Version status', parameters: [name], responses: { 200: { description: 'model_version_status' }, 404: jsonError('unknown model') } } },
      '/v1/models/{name}/metadata': { get: { summary: 'Inputs (kinds, shapes, dtypes) and heads', parameters: [name], responses: { 200: { description: 'metadata' }, 404: jsonError('unknown model') } } },
      '/v1/models/{name}:predict': modelVerb(name, 'Predict', '{ predictions } or, for inputs, { outputs }'),
      '/v1/models/{name}:explain': modelVerb(
        name,
        'Explain (at most 16 examples): per example and head, integrated gradients per input and a modality ablation',
        '{ explanations: [{ head: { unit, class?, output, baselineOutput, attributions: { input: { total, values, shape, baseline, ids?, tokens? } }, completeness, ablation } }] }',
      ),
      '/healthz': { get: { summary: 'Liveness', security: [], responses: { 200: { description: 'ok' } } } },
      '/readyz': { get: { summary: 'Readiness: models loaded and not draining', security: [], responses: { 200: { description: 'ready' }, 503: jsonError('not ready') } } },
      '/metrics': { get: { summary: 'Prometheus metrics', responses: { 200: { description: 'text exposition format' } } } },
      '/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3' } } } },
    },
  };
}

/** A `POST /v1/models/{name}:verb` operation: the predict request body, the shared error answers. */
function modelVerb(name: object, summary: string, answer: string): object {
  return {
    post: {
      summary,
      parameters: [name],
      requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/PredictRequest' } }, 'multipart/form-data': { schema: { type: 'object', description: 'One raw record: fields are columns, files are images.' } } } },
      responses: { 200: { description: answer }, 400: jsonError('bad request'), 401: jsonError('missing or bad token'), 404: jsonError('unknown model'), 413: jsonError('body too large'), 415: jsonError('unsupported content type'), 422: jsonError('an input or output of an example is NaN or Infinity (field names it)'), 503: jsonError('timed out or draining') },
    },
  };
}
