/** A learning-rate schedule: the rate at a (possibly fractional) epoch, from the run's initial rate. */
export interface ScheduleDefinition<C> {
  rate(config: C, initialRate: number, epoch: number, totalEpochs: number): number;
}
