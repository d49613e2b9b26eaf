import { tweetTokens } from './news-sentiment';
import { fitTweetVocabulary, keepTweets, TweetGrid } from './tweet-grid';

describe('the tweets input', () => {
  it('fits its vocabulary on the given days: words seen 3 times or more, most frequent first', () => {
    const day1 = [['$', 'aapl', 'up'], ['$', 'aapl', 'down']];
    const day2 = [['$', 'msft', 'up', 'up']];
    expect(fitTweetVocabulary([day1, day2])).toEqual(['$', 'up']);
  });

  it("keeps a day's last tweets and each tweet's first words", () => {
    expect(keepTweets([['a'], ['b', 'c', 'd'], ['e', 'f']], { texts: 2, words: 2 })).toEqual([['b', 'c'], ['e', 'f']]);
  });

  it('encodes examples as [examples, days, tweets, words] ids: 0 padding, 1 out of vocabulary, a missing day all padding', () => {
    const grid = new TweetGrid({ vocabulary: ['$', 'up'], texts: 2, words: 3 });
    expect(grid.vocabSize).toBe(4);
    const ids = grid.encode([[[['$', 'up', 'now', 'extra']], []], undefined], 2);
    expect(Array.from(ids)).toEqual([
      ...[2, 3, 1, 0, 0, 0], // day 1: one tweet, cut to 3 words ('now' unknown), then a padding tweet
      ...[0, 0, 0, 0, 0, 0], // day 2: no tweets
      ...Array(12).fill(0), // an example without tweets
    ]);
  });

  it('tokenises a raw tweet the way StockNet preprocessed its own', () => {
    expect(tweetTokens('$AAPL beats! https://t.co/x @trader')).toEqual(['$', 'aapl', 'beats', '!', 'URL', 'AT_USER']);
  });
});
