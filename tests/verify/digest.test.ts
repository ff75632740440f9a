import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compareFiles, contentDigest, sha256, type FileDigest } from '../../src/verify/digest.js';

const list = (entries: [string, string][]): FileDigest[] => entries.map(([path, sha]) => ({ path, sha256: sha }));

describe('digests of a portfolio’s files', () => {
  it('sha256 is the usual SHA-256, of bytes and of text', () => {
    for (const data of ['', 'week 2', 'Zoë’s “café” 😀', Buffer.from([0, 1, 2, 255])]) {
      expect(sha256(data)).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });

  it('compareFiles: the same lists in the same order have no changes', () => {
    const files = list([['a.md', '1'], ['b.md', '2'], ['c.md', '3']]);
    expect(compareFiles(files, list([['a.md', '1'], ['b.md', '2'], ['c.md', '3']]))).toEqual({ changed: [], added: [], removed: [] });
  });

  it('compareFiles: the same files in another order (a record written by hand) have no changes either', () => {
    const files = list([['a.md', '1'], ['b.md', '2'], ['c.md', '3']]);
    expect(compareFiles(list([['c.md', '3'], ['a.md', '1'], ['b.md', '2']]), files)).toEqual({ changed: [], added: [], removed: [] });
  });

  it('compareFiles: names what changed, what was added and what was removed', () => {
    const before = list([['a.md', '1'], ['b.md', '2'], ['c.md', '3']]);
    expect(compareFiles(before, list([['a.md', '1'], ['b.md', 'X'], ['c.md', '3']]))).toEqual({ changed: ['b.md'], added: [], removed: [] });
    expect(compareFiles(before, list([['a.md', '1'], ['b.md', '2'], ['c.md', '3'], ['d.md', '4']]))).toEqual({ changed: [], added: ['d.md'], removed: [] });
    expect(compareFiles(before, list([['a.md', '1'], ['c.md', '3']]))).toEqual({ changed: [], added: [], removed: ['b.md'] });
    // Same length, one file renamed: one removed, one added.
    expect(compareFiles(before, list([['a.md', '1'], ['b2.md', '2'], ['c.md', '3']]))).toEqual({ changed: [], added: ['b2.md'], removed: ['b.md'] });
  });

  it('contentDigest is the SHA-256 of sha256sum’s lines', () => {
    const files = list([['a.md', sha256('a')], ['module-1/week-2.md', sha256('b')]]);
    expect(contentDigest(files)).toBe(sha256(`${sha256('a')}  a.md\n${sha256('b')}  module-1/week-2.md\n`));
  });
});
