// What `mimo --help` says about the app: a module of its own, so the CLI lists the apps without loading them.
export const nlpAbout = {
  name: 'nlp',
  summary: 'Text + context features → label (+ auxiliary heads): SpamAssassin, UCI sentiment, your CSV / JSONL',
};
