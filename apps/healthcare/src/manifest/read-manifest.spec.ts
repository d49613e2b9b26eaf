import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readManifest } from './read-manifest';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mimo-manifest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Buffer) => {
  const full = path.join(dir, name);
  writeFileSync(full, content);
  return full;
};

describe('readManifest', () => {
  it('says what an empty, a UTF-16 or a twice-named header manifest is, naming the file', async () => {
    const empty = file('empty.csv', '');
    await expect(readManifest(empty)).rejects.toThrow(`${empty}: expected a header line (an id, lab columns, image, outcome), received an empty file`);
    const utf16 = file('utf16.csv', Buffer.from('id,crp,image,outcome\n', 'utf16le'));
    await expect(readManifest(utf16)).rejects.toThrow(`${utf16}: expected UTF-8 text, received NUL bytes`);
    const twice = file('twice.csv', 'id,crp,crp,image,outcome\n');
    await expect(readManifest(twice)).rejects.toThrow(`${twice}:1: column "crp": appears twice in the header`);
  });
});
