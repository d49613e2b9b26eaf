import * as tf from '@tensorflow/tfjs';

/**
 * Whether a gradient being recorded will most likely flow back into `x`, an input of a fused op: x came out of a
 * kernel already on the gradient tape, or is a trainable variable. Not so for a model's input or a batch sliced
 * before the recorded function, whose gradient PyTorch's autograd skips too: the fused ops then leave it out of
 * their gradient kernel (a product as large as the weights' gradient). A guess, never a wrong answer: their
 * registered gradients still compute it when the engine asks (`tf.grads` with respect to that very tensor).
 * No tape to look at (recording off, or a tfjs without `state.activeTape`): true.
 */
export function gradientLikelyFlowsInto(x: tf.Tensor): boolean {
  const engine = tf.engine();
  const tape = engine.state.activeTape as typeof engine.state.activeTape | undefined;
  if (!engine.isTapeOn() || !Array.isArray(tape)) return true;
  if (x instanceof tf.Variable) return x.trainable;
  // From the end: an input is most often the output of the op just before.
  for (let i = tape.length - 1; i >= 0; i--) {
    if (tape[i].outputs.some((output) => output?.id === x.id)) return true;
  }
  return false;
}

/**
 * Registers `config` as the gradient of its kernel (one of Mimo's own, so nothing of tfjs's is replaced) unless one
 * is: on a fused op's first run, not when the package loads. A gradient registered this way gets each input's
 * gradient as a function that the engine calls only for inputs on the path to what is differentiated, which
 * `tf.customGrad` cannot express.
 */
export function registerGradientOnce(config: tf.GradConfig): void {
  if (tf.getGradient(config.kernelName) === undefined) tf.registerGradient(config);
}
