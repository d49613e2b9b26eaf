import { TextColumnSchema } from '../tabular/table-schema';
import { OOV_ID, PAD_ID } from '../text/vocabulary';
import { SentimentPreprocessor, TextPreprocessor } from './text-preprocessor';

const config = (extra: object = {}) => TextColumnSchema.parse({ type: 'text', maxLength: 5, ...extra });
const train = [{ review: 'Good phone, good price' }, { review: 'Bad phone' }];

describe('TextPreprocessor', () => {
  it('turns texts into padded, truncated token ids (0 PAD, 1 OOV) with a vocabulary of the training texts', () => {
    const p = new TextPreprocessor('text', 'review', config());
    p.fit(train);
    expect(p.toJSON()).toEqual({ tokens: ['good', 'phone', 'bad', 'price'] });
    const out = p.transform([{ review: 'GOOD phone!' }, { review: 'awful awful bad bad good price phone' }]);
    expect(out.dtype).toBe('int32');
    expect(out.arraySync()).toEqual([
      [2, 3, PAD_ID, PAD_ID, PAD_ID],
      [OOV_ID, OOV_ID, 4, 4, 2],
    ]);
    expect(p.inputSpec()).toEqual({ kind: 'tokens', vocabSize: 6, maxLength: 5 });
    // Each id's word, for explanations: the second text reads back as its tokens.
    expect((out.arraySync() as number[][])[1].map((id) => p.idNames()[id])).toEqual(['[OOV]', '[OOV]', 'bad', 'bad', 'good']);
  });

  it('pads and truncates at the front when asked, caps the vocabulary and drops rare tokens', () => {
    const p = new TextPreprocessor('text', 'review', config({ padding: 'pre', truncation: 'pre', maxVocab: 3, maxLength: 3 }));
    p.fit(train);
    expect(p.toJSON()).toEqual({ tokens: ['good'] });
    expect(p.transform([{ review: 'good' }, { review: 'a b good good' }]).arraySync()).toEqual([[0, 0, 2], [1, 2, 2]]);
  });

  it('restores from JSON, and treats a missing text as the policy says', () => {
    const p = new TextPreprocessor('text', 'review', config());
    p.fit(train);
    const restored = new TextPreprocessor('text', 'review', config()).restore(p.toJSON());
    expect(restored.transform(train).arraySync()).toEqual(p.transform(train).arraySync());
    expect(() => p.transform([{ review: null }])).toThrow('row 1: column "review": expected a text, received a missing value');
    const lenient = new TextPreprocessor('text', 'review', config({ missing: 'empty' })).restore(p.toJSON());
    expect(lenient.transform([{ review: null }]).arraySync()).toEqual([[0, 0, 0, 0, 0]]);
  });
});

describe('SentimentPreprocessor', () => {
  it('gives [n, 4] AFINN features as a numeric input', () => {
    const p = new SentimentPreprocessor('lexicon', 'review', config(), 'afinn');
    p.fit();
    const out = p.transform([{ review: 'Good phone, good price' }, { review: 'Bad phone' }]);
    expect(out.arraySync()).toEqual([[6, 1.5, 2, 0], [-3, -1.5, 0, 1]]);
    expect(p.inputSpec()).toEqual({ kind: 'numeric', size: 4 });
  });
});
