import { loadUciSentiment, withFields } from '@mimo/data';
import { categoricalContext, TextLimits, textColumnSchema } from './text-table';
import type { NlpSource } from './nlp-source';

/**
 * UCI Sentiment Labelled Sentences: the sentence as text, the site (amazon / imdb / yelp) as categorical
 * context, and two heads: `sentiment` (label 1 = positive) and `site`. With the context branch the site head
 * reads its own answer; it means something in the text-only run (`--inputs text`).
 */
export async function uciSentimentSource(limits: TextLimits, dir?: string): Promise<NlpSource> {
  const dataset = await loadUciSentiment({ dir });
  return {
    rows: dataset.data.map((row) => withFields(row, { site_label: row.site })),
    schema: {
      columns: {
        sentence: textColumnSchema({ ...limits, maxLength: Math.min(limits.maxLength, 40) }),
        site: categoricalContext(),
        label: { type: 'label', task: 'binary', head: 'sentiment', positive: '1' },
        site_label: { type: 'label', task: 'multiclass', head: 'site' },
      },
    },
    card: {
      name: 'UCI sentiment',
      source: dataset.files.join(', '),
      real: [`all ${dataset.data.length} sentences (Kotzias et al. 2015, UCI): text, site, sentiment label`],
      simulated: [],
    },
  };
}
