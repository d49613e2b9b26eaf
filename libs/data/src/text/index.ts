export * from './tokenize';
export * from './vocabulary';
export * from './lexicon-features';
