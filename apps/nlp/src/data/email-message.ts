/** What the spam model reads of one raw e-mail: its text and context features from the headers. */
export interface EmailRecord {
  /** Subject, a blank line, then the body as plain text (tags, entities, encodings and base64 blocks dropped). */
  text: string;
  /** Hour of the Date header, in the sender's own time zone (null without a Date). */
  hour: number | null;
  /** Addresses in To + Cc. */
  recipients: number;
  /** Links (http://, https://, www.) in the body. */
  links: number;
  /** 1 when the message is (or contains) HTML. */
  html: number;
  /** 1 when the message has several MIME parts (attachments, alternatives). */
  multipart: number;
  /** Top-level domain of the sender's address (`com`, `ie`, …; null without one). */
  senderTld: string | null;
}

/** Body characters kept: 200 tokens need about 1,200, and tokenizing megabytes of spam costs minutes. */
const MAX_BODY_CHARS = 4000;

/** Header fields by lower-case name (first occurrence wins), with folded lines joined. */
function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}

/** Plain text of a body: quoted-printable undone, MIME part headers, HTML and long base64 runs dropped. */
export function plainBody(body: string): string {
  return body
    .slice(0, MAX_BODY_CHARS * 4)
    .replace(/=\r?\n/g, '')
    .replace(/=[0-9A-F]{2}/g, ' ')
    .replace(/^(--\S+|content-[\w-]+:.*)$/gim, ' ')
    .replace(/<(style|script)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&[#\w]+;/g, ' ')
    .replace(/[A-Za-z0-9+/]{60,}={0,2}/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_BODY_CHARS);
}

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

/** One raw message (headers, blank line, body) → text + context features. */
export function parseEmail(raw: string): EmailRecord {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = parseHeaders(split < 0 ? raw : raw.slice(0, split));
  const body = split < 0 ? '' : raw.slice(split).trim();
  const contentType = (headers.get('content-type') ?? '').toLowerCase();
  const hour = /\b(\d{1,2}):\d{2}/.exec(headers.get('date') ?? '');
  const address = /@([\w.-]+)/.exec(headers.get('from') ?? '');
  const recipients = [headers.get('to'), headers.get('cc')].filter(Boolean).join(',');
  return {
    text: `${headers.get('subject') ?? ''}\n\n${plainBody(body)}`.trim(),
    hour: hour && Number(hour[1]) < 24 ? Number(hour[1]) : null,
    recipients: recipients.split(',').filter((part) => part.includes('@')).length,
    links: count(body, /https?:\/\/|www\./gi),
    html: contentType.includes('text/html') || /<html|<body/i.test(body) ? 1 : 0,
    multipart: contentType.includes('multipart/') ? 1 : 0,
    senderTld: address ? (address[1].split('.').filter(Boolean).pop() ?? '').toLowerCase() || null : null,
  };
}
