/**
 * The public API of @mimo/app-kit: what every Mimo app shares, so the apps do not copy each other.
 *
 * CONTRACT. An app exports an `AppPlugin` (see plugin.ts) and builds its `AppDefinition` with
 * `commands: createAppCommands(plugin)`. The plugin supplies only what is the app's own:
 *
 * - `prepare({ data?, seed, preprocessing?, tiny? })` → `PreparedData`: load `--data` (or the app's default
 *   data set), split it (seeded: the same seed gives the same split, which is how `evaluate` finds the training
 *   run's test split), fit preprocessing on the TRAIN split only — or, when `preprocessing` (a bundle's saved
 *   state) is given, restore it and never fit — and return tensors `{ xs: {input}, ys: {head} }` for train /
 *   val? / test, the data-derived `inputs` (kind + shape) and `heads`, the `preprocessing` JSON state and a `DataCard`
 *   (name, source, what is real, what is simulated). For tables, `prepareTable(rows, schema, split, state?)`
 *   does the fitting and transforming.
 * - `createSpec({ data, seed, fusion? })` → the model spec (`fusion` is `--fusion concat|gated`).
 * - optional `trainerConfig(options)` (optimizer, class weights, augmentation, extra metrics…), `afterBuild`
 *   (e.g. load pretrained encoder weights and freeze them), `decodeRecords` (raw records → input tensors for
 *   predict and serve; default: the bundle's TablePreprocessor) with its `recordFiles`, `report` and `extraCommands`.
 *
 * The kit gives the commands (flags parsed by `parseFlags`; a bad flag exits 2 with a message that names it;
 * any other failure exits 1 with `mimo <app> <command>: message`):
 *
 * - `train [--data PATH] [--out DIR] [--epochs N=20] [--batch-size N=32] [--seed N=42] [--backend NAME]
 *   [--fusion concat|gated] [--inputs a,b] [--tensorboard DIR] [--patience N=5] [--tiny]`: `runTrain` —
 *   prepare → spec (`subsetSpec` by `--inputs`; fusion falls back to concat) → `Trainer` with the per-head
 *   metrics of `METRICS_BY_HEAD_TYPE`, early stopping on val_loss (best weights restored), progress, optional
 *   TensorBoard → test metrics → `saveBundle(out ?? out/<app>/<spec name>)` with preprocessing.json and a
 *   card (`AppModelCard`: app, data card + path + split sizes, inputs, heads, seed, backend, fusion, epochs,
 *   metrics.test / metrics.val per head, history). Prints `{ bundle, backend, test }` as JSON on stdout.
 * - `evaluate --model DIR [--data PATH] [--json FILE]`: `runEvaluate` → `{ "dataset", "n", "heads": { head:
 *   { metric: value } } }` on the test split (printed; written to FILE with --json).
 * - `predict --model DIR --input FILE.jsonl|FILE.csv`: `runPredict` → one JSON line per record, `{ head:
 *   prediction }` (binary: probability; multiclass: `{ class, probabilities }`; regression: value(s)).
 * - `serve --model DIR [--port N=8080]`: through `@mimo/serve`, with the app's own record decoder
 *   (`appRecordDecoder`: `decodeRecords`, with the `recordFiles` fields carried as base64).
 * - `report [--out DIR] [--runs DIR]`: the plugin's `report` (exit 2 "not built yet" without one).
 *
 * Charts for reports: `lineChartSvg` (learning curves from `card.history`), `rocCurve` + `rocChartSvg`,
 * `confusionMatrix` + `confusionMatrixSvg`, and `writeChart(base, svg)` → `base.svg` + `base.png` (sharp).
 * `testPredictions(plugin, dir)`: a bundle's labels and scores on its own test split, for those charts.
 * Metrics: `headMetricConfigs(spec)`, `nestMetrics(logs, spec, prefix?)`. Documented in docs/apps.md.
 *
 * Benchmarks (`mimo bench`, docs/benchmarks.md): `runBench({ config, plugins, out })` trains every app's variants
 * (`benchVariantsOf`: single inputs, fusions, ensembles, encoders, the plugin's `benchVariants`) on each backend
 * and seed, resumable (`BenchStore`), and writes results JSON / CSV, report.md and charts (`writeBenchReport`).
 */
export * from './plugin';
export * from './cli/parse-flags';
export * from './cli/did-you-mean';
export * from './cli/app-commands';
export * from './cli/serve-command';
export * from './serving/app-record-decoder';
export * from './data/prepare-table';
export * from './data/read-records';
export * from './metrics/head-metric-configs';
export * from './metrics/nest-metrics';
export * from './metrics/binary-threshold';
export * from './metrics/baselines';
export * from './flows/subset-spec';
export * from './flows/pick-inputs';
export * from './flows/model-card';
export * from './flows/app-bundles';
export * from './flows/train-flow';
export { withTrainingRanks, withoutLaunchFlag } from './distributed/training-ranks';
export { freePort, launchLocalRanks, threadsPerRank } from './distributed/launch-ranks';
export type { LaunchOptions } from './distributed/launch-ranks';
export * from './flows/evaluate-flow';
export * from './flows/predict-flow';
export * from './flows/test-predictions';
export * from './flows/record-fields';
export * from './flows/describe-bundle';
export * from './charts/svg';
export * from './charts/line-chart';
export * from './charts/roc-curve';
export * from './charts/confusion-matrix';
export * from './charts/write-chart';
export * from './charts/bar-chart';
export * from './report/report-page';
export * from './bench/bench-config';
export * from './bench/bench-variants';
export * from './bench/bench-store';
export * from './bench/summarize';
export * from './bench/run-variant';
export * from './bench/bench-report';
export * from './bench/machine';
export * from './bench/measure-model';
export * from './bench/run-bench';
