import * as tf from '@tensorflow/tfjs';
import { ModelSpec } from '@mimo/core';
import { RecordDecoder } from '../model/served-model';
import { checkDecodedInputs } from './check-decoded-inputs';
import { InputBatches, inputBatchFromTensor } from './input-batch';
import { describeValue, RequestError } from './request-error';

/**
 * Raw records → checked input batches through the model's decoder. The decoder's tensors are copied out and
 * disposed at once; its errors become 400 answers (a RequestError keeps its own code).
 */
export async function decodeRecords(records: unknown, decoder: RecordDecoder | undefined, spec: ModelSpec, maxInstances: number): Promise<InputBatches> {
  if (!decoder) throw RequestError.badRequest('no_record_decoder', 'records', 'this model takes tensors only (send "instances" or "inputs"); it has no record decoder');
  if (!Array.isArray(records)) throw RequestError.badRequest('bad_type', 'records', `expected an array of records, received ${describeValue(records)}`);
  if (records.length === 0) throw RequestError.badRequest('bad_request', 'records', 'expected at least one record, received none');
  if (records.length > maxInstances) throw new RequestError(400, 'too_many_instances', `expected at most ${maxInstances} records, received ${records.length}`, 'records');
  let tensors: Record<string, tf.Tensor>;
  try {
    tensors = await decoder(records);
  } catch (error) {
    if (error instanceof RequestError) throw error;
    throw RequestError.badRequest('bad_record', 'records', (error as Error)?.message ?? String(error));
  }
  let inputs: InputBatches;
  try {
    inputs = Object.fromEntries(Object.entries(tensors).map(([name, tensor]) => [name, inputBatchFromTensor(tensor)]));
  } finally {
    tf.dispose(Object.values(tensors));
  }
  const problems = checkDecodedInputs(inputs, spec, records.length);
  if (problems.length > 0) throw new Error(`record decoder of ${spec.name} made wrong tensors: ${problems.join('; ')}`);
  return Object.fromEntries(Object.keys(spec.inputs).map((name) => [name, inputs[name]]));
}
