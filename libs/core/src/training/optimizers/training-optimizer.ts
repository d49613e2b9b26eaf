import * as tf from '@tensorflow/tfjs';
import { invalidateRecordedSteps } from '@mimo/kernels';

/** An optimizer's state, exactly: how many updates it made and its slot tensors per variable. */
export interface OptimizerState {
  /** The optimizer's name (adam, rmsprop, sgd). */
  name: string;
  iterations: number;
  learningRate: number;
  /** Slot names, the same for every variable (e.g. `['m', 'v']` for Adam). */
  slotNames: string[];
  /** `slots[variableIndex][slotIndex]`, in the order of the variables given to `applyGradients`. */
  slots: tf.Tensor[][];
}

/** One variable to update, its gradient and its slots. */
export interface VariableUpdate {
  variable: tf.Variable;
  gradient: tf.Tensor;
  slots: tf.Variable[];
}

/**
 * Base of Mimo's optimizers. They follow Keras's update rules, take an explicit variable list, keep their state
 * per variable *position* (so a checkpoint restores into a model built in another process, where variable names
 * differ) and read `learningRate` on every update, so schedules and ReduceLROnPlateau take effect at once.
 *
 * Why not tfjs's own optimizers: `tf.train.sgd` caches its rate in a tensor, and Adam's `setWeights` recomputes
 * its bias correction with `pow` instead of the running product it used before, so a resumed run drifts from an
 * uninterrupted one. Here the bias correction comes from the integer step count, in float64.
 */
export abstract class TrainingOptimizer {
  abstract readonly name: string;
  /** Slot names per variable, in order. */
  protected abstract readonly slotNames: readonly string[];
  private slots: tf.Variable[][] = [];
  /**
   * How many updates were made, as an int32 scalar (made with the slots): a tensor, so that a replayed step
   * (`replayable` in @mimo/kernels), which runs no JavaScript, still counts them.
   */
  private iterationCount: tf.Variable<tf.Rank.R0> | undefined;
  private learningRateValue: number;

  constructor(learningRate: number) {
    this.learningRateValue = TrainingOptimizer.checkRate(learningRate);
  }

  private static checkRate(rate: number): number {
    if (!(Number.isFinite(rate) && rate >= 0)) throw new Error(`learning rate must be a finite number ≥ 0. Received: ${rate}`);
    return rate;
  }

  get learningRate(): number {
    return this.learningRateValue;
  }

  set learningRate(rate: number) {
    this.learningRateValue = TrainingOptimizer.checkRate(rate);
    // A recorded step holds the rate it was recorded with.
    invalidateRecordedSteps();
  }

  /** How many updates this optimizer made. */
  get iterations(): number {
    return this.iterationCount === undefined ? 0 : this.iterationCount.dataSync()[0];
  }

  /** One update of every variable; a `null` gradient (no path to the loss) leaves that variable alone. */
  applyGradients(variables: tf.Variable[], gradients: (tf.Tensor | null)[]): void {
    if (this.slots.length === 0) {
      this.slots = variables.map((v) => this.slotNames.map(() => tf.tidy(() => tf.variable(tf.zerosLike(v), false))));
      this.iterationCount ??= tf.tidy(() => tf.variable(tf.scalar(0, 'int32'), false));
    } else if (this.slots.length !== variables.length || variables.some((v, i) => !tf.util.arraysEqual(v.shape, this.slots[i][0]?.shape ?? v.shape))) {
      throw new Error(
        `the ${this.name} optimizer holds state for ${this.slots.length} variables but was given ${variables.length} of other shapes; ` +
          'use a new optimizer (a new Trainer) after freezing or unfreezing layers',
      );
    }
    const count = this.iterationCount as tf.Variable<tf.Rank.R0>;
    const updates: VariableUpdate[] = [];
    variables.forEach((variable, i) => {
      const gradient = gradients[i];
      if (gradient) updates.push({ variable, gradient, slots: this.slots[i] });
    });
    tf.tidy(() => {
      count.assign(tf.add(count, tf.scalar(1, 'int32')));
      this.updateAll(updates, count);
    });
  }

  /** Assigns the new values of every variable of `updates` for update number `step`; one at a time unless overridden. */
  protected updateAll(updates: readonly VariableUpdate[], step: tf.Scalar): void {
    for (const { variable, gradient, slots } of updates) this.update(variable, gradient, slots, step);
  }

  /** Assigns the new value of `variable` (and of its `slots`) for update number `step` (1-based, an int32 scalar). */
  protected abstract update(variable: tf.Variable, gradient: tf.Tensor, slots: tf.Variable[], step: tf.Scalar): void;

  /** The current state; the tensors stay owned by the optimizer. */
  getState(): OptimizerState {
    return { name: this.name, iterations: this.iterations, learningRate: this.learningRate, slotNames: [...this.slotNames], slots: this.slots.map((s) => [...s]) };
  }

  /** Restores a state from `getState` (copies its tensors). */
  setState(state: OptimizerState): void {
    if (state.name !== this.name || state.slotNames.join() !== this.slotNames.join()) {
      throw new Error(`optimizer state is ${state.name} with slots [${state.slotNames.join(', ')}] but the ${this.name} optimizer uses [${this.slotNames.join(', ')}]`);
    }
    this.disposeSlots();
    this.slots = state.slots.map((slots) => slots.map((t) => tf.tidy(() => tf.variable(t.clone(), false))));
    this.iterationCount?.dispose();
    this.iterationCount = tf.tidy(() => tf.variable(tf.scalar(state.iterations, 'int32'), false));
    this.learningRate = state.learningRate;
  }

  private disposeSlots(): void {
    this.slots.forEach((slots) => tf.dispose(slots));
    this.slots = [];
  }

  dispose(): void {
    this.disposeSlots();
    this.iterationCount?.dispose();
    this.iterationCount = undefined;
  }
}
