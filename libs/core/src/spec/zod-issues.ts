import { z } from 'zod';

/**
 * One line per problem a zod schema found: `path.to[0].field: message.` (`(root)` for the value itself), with
 * ` Received: <JSON>` when the parse was asked to report inputs (`{ reportInput: true }`). Every config, spec and
 * saved state Mimo validates words its problems this way.
 */
export function describeZodIssues(error: z.ZodError): string[] {
  return error.issues.map(describeIssue);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[') : '(root)';
  const message = issue.code === 'invalid_key' ? issue.issues.map((i) => i.message).join('; ') : issue.message;
  const received = 'input' in issue && issue.input !== undefined ? ` Received: ${JSON.stringify(issue.input)}` : '';
  return `${where}: ${message}.${received}`;
}
