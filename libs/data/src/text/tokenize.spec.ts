import { createTokenizer, URL_TOKEN, USER_TOKEN } from './tokenize';

describe('createTokenizer', () => {
  it('word: lower-cased words with inner apostrophes, any script, no punctuation', () => {
    expect(createTokenizer()("Don't stop, Café-goers! 42 times.")).toEqual(["don't", 'stop', 'café', 'goers', '42', 'times']);
    expect(createTokenizer({ lowercase: false })('Hello World')).toEqual(['Hello', 'World']);
  });

  it('word: optional stop words and Porter stemming', () => {
    expect(createTokenizer({ stopWords: true, stem: true })('The cats were running to the stations')).toEqual(['cat', 'run', 'station']);
  });

  it('tweet: keeps tags, cashtags, emoticons and !/?; URLs and mentions become URL / AT_USER', () => {
    expect(createTokenizer({ tokenizer: 'tweet' })('RT @trader: $AAPL to the moon!! :) #Bullish https://t.co/x1 www.x.com')).toEqual([
      'rt',
      USER_TOKEN,
      '$aapl',
      'to',
      'the',
      'moon',
      '!',
      '!',
      ':)',
      '#bullish',
      URL_TOKEN,
      URL_TOKEN,
    ]);
  });

  it('gives no tokens for an empty text', () => {
    expect(createTokenizer({ tokenizer: 'tweet' })('')).toEqual([]);
    expect(createTokenizer()('...')).toEqual([]);
  });
});
