import { parseEmail, plainBody } from './email-message';

const raw = [
  'From spammer@mail.example.biz  Tue Aug  6 11:51:02 2002',
  'Date: Fri, 02 Aug 2002 23:37:59 +0100',
  'From: "Start Now" <startnow@offers.example.BIZ>',
  'To: a@x.org, b@y.org,',
  '  c@z.org',
  'Subject: FREE offer',
  'Content-Type: text/html; charset="US-ASCII"',
  '',
  '<html><body><p>Click <a href="http://win.example.biz">here</a> or www.example.biz &nbsp;now=20',
  'soft=',
  'wrap</p></body></html>',
].join('\n');

describe('parseEmail', () => {
  it('reads the context features from the headers and the body', () => {
    expect(parseEmail(raw)).toEqual({ text: expect.any(String), hour: 23, recipients: 3, links: 2, html: 1, multipart: 0, senderTld: 'biz' });
  });

  it('keeps the subject and the plain words of the body, without tags, entities or encodings', () => {
    expect(parseEmail(raw).text).toBe('FREE offer\n\nClick here or www.example.biz now softwrap');
  });

  it('gives nulls for what a message lacks', () => {
    expect(parseEmail('Subject: hi\n\nbody')).toEqual({ text: 'hi\n\nbody', hour: null, recipients: 0, links: 0, html: 0, multipart: 0, senderTld: null });
  });

  it('drops MIME part headers and base64 runs', () => {
    expect(plainBody(`--b1\nContent-Type: text/plain\n\nhello ${'QUJD'.repeat(20)}\n--b1--`)).toBe('hello');
  });
});
