import { LEXICON_FEATURES, lexiconFeatures } from './lexicon-features';

describe('lexiconFeatures', () => {
  it('sums AFINN scores, averages them over all tokens and counts positive and negative hits', () => {
    expect(LEXICON_FEATURES).toEqual(['sum', 'mean', 'positive', 'negative']);
    // AFINN-165: good +3, bad −3, love +3
    expect(lexiconFeatures(['good', 'and', 'bad', 'love'])).toEqual([3, 0.75, 2, 1]);
    expect(lexiconFeatures([])).toEqual([0, 0, 0, 0]);
  });

  it('matches multi-word entries first', () => {
    // 'does not work' is −3 as a phrase; its words alone score nothing
    expect(lexiconFeatures(['it', 'does', 'not', 'work'])).toEqual([-3, -0.75, 0, 1]);
  });

  it('reads the financial-market-news list, which scores market words AFINN-165 does not know', () => {
    expect(lexiconFeatures(['bullish'], 'afinn')).toEqual([0, 0, 0, 0]);
    const [sum] = lexiconFeatures(['bullish'], 'afinn-financial');
    expect(sum).toBeGreaterThan(0);
  });
});
