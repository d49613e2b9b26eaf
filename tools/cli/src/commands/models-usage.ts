// Apart from the command so that `mimo --help` prints it without loading tfjs.
export const modelsUsage = `mimo models [--check] [--only a,b] [--steps N] [--json]
  Lists the reference model specs: inputs, heads and parameter counts (counted on the cpu backend
  unless --backend or MIMO_BACKEND names one: a count needs no accelerator).
  --check     build each, train a few steps on random data, save, load, compare predictions
  --only      comma-separated model names
  --steps N   training steps per model for --check (default 3)
  --json      print the specs (or check results) as JSON`;
