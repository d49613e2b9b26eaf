/**
 * A step replayed from a recording (`replayable`) reruns its native calls with the numbers
 * they were given when it was recorded. Code that changes a JavaScript number such a step reads (an optimizer's
 * learning rate) calls `invalidateRecordedSteps`, and the next call of every replayable step records anew.
 */
let generation = 0;

export function invalidateRecordedSteps(): void {
  generation++;
}

/** Changes whenever `invalidateRecordedSteps` is called. */
export function recordedStepsGeneration(): number {
  return generation;
}
