/** The fixed prose of docs/healthcare.md (the tables around it are generated). */

export const COHORT_TEXT = [
  '## The default cohort',
  '',
  'Lab values are simulated per patient, conditional on the outcome (45 % pneumonia), independently per lab',
  '(`apps/healthcare/src/cohort/cohort-params.ts`); severity is a rule (mild without pneumonia; severe with',
  "SpO₂ < 94 or CRP > 50; else moderate). Images are real PneumoniaMNIST images of the patient's label (val + test",
  'splits only, never the train split) when the data set is present, otherwise procedurally drawn.',
];

export const TRANSFER_TEXT = [
  'All three runs share one architecture (the pretrained xray encoder beside the labs encoder, concat fusion,',
  'outcome and severity heads) and the same split per seed. Frozen: the encoder takes the PneumoniaMNIST',
  "bundle's weights and is not trained. Fine-tuned: starts from the frozen run's best weights, every layer",
  'trainable, at a tenth of the learning rate. Scratch: random weights, as many epochs as frozen + fine-tuned',
  '(all with early stopping). The pretraining saw only the PneumoniaMNIST train split; its early stopping',
  'watched the official val split, from which part of the cohort images are drawn (a selection of the',
  'stopping epoch, no gradient from those images).',
];

export const REPRODUCE_TEXT = [
  '## Reproduce',
  '',
  '```bash',
  'npx mimo healthcare generate                                          # data/healthcare: manifest.csv + images (seed 42; also made by the first train)',
  'npx mimo healthcare train --epochs 12 --patience 4 --out out/healthcare/cohort_fused',
  'npx mimo healthcare train --epochs 12 --patience 4 --inputs labs --out out/healthcare/cohort_labs',
  'npx mimo healthcare train --epochs 12 --patience 4 --inputs xray --out out/healthcare/cohort_xray',
  'npx mimo healthcare train --data pneumoniamnist --epochs 15 --patience 4 --batch-size 64 --out out/healthcare/pneumoniamnist',
  'npx mimo healthcare threshold --model out/healthcare/pneumoniamnist                # threshold chosen on val → threshold.json',
  'npx mimo healthcare train --data wdbc --epochs 60 --patience 10 --batch-size 16 --out out/healthcare/wdbc',
  'npx mimo healthcare cv --data wdbc --folds 10                                      # out/healthcare/cv/wdbc.json',
  'cp -r out/healthcare/pneumoniamnist out/healthcare/transfer/source                 # the pretrained encoder, kept beside its runs',
  'npx mimo healthcare transfer --source out/healthcare/transfer/source --seeds 42,43 --epochs 10 --fine-tune-epochs 6 --patience 3',
  'npx mimo healthcare report                                            # this page and docs/healthcare/*.svg|png',
  '```',
  '',
  'Your own cohort: a manifest CSV with `patient_id`, any numeric lab columns, `image` (path relative to the CSV),',
  '`outcome` (two values; the second in sorted order is positive) and optionally `severity` (classes) and `icu`',
  '(binary) → `npx mimo healthcare train --data manifest.csv`. Bad rows fail with file, line and column; missing',
  'images fail with their lines.',
];

export const NOTES_TEXT = [
  '## Notes',
  '',
  'PneumoniaMNIST over-calls pneumonia at threshold 0.5 (test recall about 0.99, specificity about 0.55): the',
  'train and val splits are 74 % pneumonia, the test split 62 %. Tried before: balanced class weights (accuracy',
  '0.835, AUC 0.922) and no augmentation (accuracy 0.840, AUC 0.927), neither better. A threshold chosen on the',
  "validation split by Youden's J (which, unlike accuracy, does not reward following the val split's share of",
  'pneumonia) trades some recall for specificity on test; see the threshold table. The AUC does not depend on the',
  'threshold.',
  '',
  'Tried and not kept: a wider CNN (filters 32, 64, 128; Dense 128 with batch norm and dropout 0.3) with a cosine',
  'learning-rate decay. On the shared CPUs it was stopped after 11 of 25 epochs, so it has no test figure; its',
  'best val loss was 0.086 (val AUC 0.994) against 0.130 (val AUC 0.988) for the kept model. Two more single',
  'runs (seed 42, same flags): batch norm after every conv and dense layer collapsed in inference mode (val',
  'accuracy 0.742, the share of pneumonia, at every epoch); the same wider CNN without batch norm stopped at',
  'epoch 7 with a best val loss of 0.160, worse than the kept model on the criterion we select by, so it was not',
  'kept either (its test AUC, 0.946, is not a reason: choosing by it would be choosing on the test split). A',
  'frozen batch norm now runs in inference mode (core `setTrainable`), so a batch-norm encoder can be reused frozen.',
  '',
  'On the default cohort the image-only model can reach the higher accuracy while the fused model has the higher',
  'AUC; with 89 test patients such differences are within noise, hence the cross-validation and the several seeds',
  'of the transfer runs.',
];
