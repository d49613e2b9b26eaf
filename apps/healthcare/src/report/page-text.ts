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
  'npx mimo healthcare generate                                          # out/healthcare/cohort: manifest.csv + images (seed 42; also made by the first train)',
  'npx mimo healthcare train --epochs 12 --patience 4 --out out/healthcare/cohort_fused',
  'npx mimo healthcare train --epochs 12 --patience 4 --inputs labs --out out/healthcare/cohort_labs',
  'npx mimo healthcare train --epochs 12 --patience 4 --inputs xray --out out/healthcare/cohort_xray',
  'npx mimo healthcare train --data pneumoniamnist --epochs 15 --patience 4 --batch-size 64 --out out/healthcare/pneumoniamnist',
  'npx mimo healthcare threshold --model out/healthcare/pneumoniamnist                # threshold chosen on val → threshold.json',
  'npx mimo healthcare train --data wdbc --epochs 60 --patience 10 --batch-size 16 --out out/healthcare/wdbc',
  'npx mimo healthcare cv --data wdbc --folds 10                                      # out/healthcare/cv/wdbc.json',
  'cp -r out/healthcare/pneumoniamnist out/healthcare/transfer/source                 # the pretrained encoder, kept beside its runs',
  'npx mimo healthcare transfer --source out/healthcare/transfer/source --seeds 42,43 --epochs 10 --fine-tune-epochs 6 --patience 3',
  'npx mimo healthcare report --out docs                                  # this page and docs/healthcare/*.svg|png',
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
  'PneumoniaMNIST over-calls pneumonia at threshold 0.5 (test recall about 0.99, specificity 0.6–0.66 over runs): the',
  'train and val splits are 74 % pneumonia, the test split 62 %. Tried before: balanced class weights (accuracy',
  '0.835, AUC 0.922) and no augmentation (accuracy 0.840, AUC 0.927), neither better. A threshold chosen on the',
  "validation split by Youden's J (which, unlike accuracy, does not reward following the val split's share of",
  'pneumonia) trades some recall for specificity on test; see the threshold table. The AUC does not depend on the',
  'threshold.',
  '',
  'The image-only encoder (`XRAY_ENCODER`) is chosen by validation loss, the criterion early stopping uses. The',
  'first bundle (CNN 32, 64 + Dense 64) reached a best val loss of 0.130 (test accuracy 0.829, AUC 0.934 at 0.5).',
  'Tried after it, one run each with the flags below: a wider CNN with batch norm after every conv and dense layer',
  '(inference-mode predictions collapsed to pneumonia on val: val accuracy 0.742 at every epoch); the wider CNN',
  'without batch norm (best val loss 0.160: not kept, whatever its test figures); and the one kept, filters 32, 64,',
  '128 with Dense 128, batch norm on the dense layer and dropout 0.3 (best val loss 0.119). The transfer runs',
  'below used the first bundle as their source. A frozen batch norm runs in inference mode (core `setTrainable`).',
  '',
  'On the default cohort the image-only model can reach the higher accuracy while the fused model has the higher',
  'AUC; with 89 test patients such differences are within noise, hence the cross-validation and the several seeds',
  'of the transfer runs.',
];
