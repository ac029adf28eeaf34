import { describe, expect, it } from 'vitest';
import { createSessionKey, defaultAttachmentLabels, validateFiles } from 'wiro-agent-react';
import { rejectionMessage } from '../../src/components/attachments/AttachmentErrors';
import { formatFileSize, isImageFile } from '../../src/components/attachments/format';
import { matchesAccept } from '../../src/components/attachments/validate';

const file = (name: string, type: string, bytes = 10): File => new File([new Uint8Array(bytes)], name, { type });

describe('matchesAccept', () => {
  it('follows the file input syntax: extensions, type families and exact types, case-insensitively', () => {
    expect(matchesAccept(file('a.PNG', 'image/png'), 'image/*')).toBe(true);
    expect(matchesAccept(file('a.pdf', 'application/pdf'), 'image/*')).toBe(false);
    expect(matchesAccept(file('Report.PDF', ''), '.pdf, image/*')).toBe(true);
    expect(matchesAccept(file('notes.txt', 'text/plain'), 'TEXT/PLAIN')).toBe(true);
    expect(matchesAccept(file('x.svg', 'image/svg+xml'), 'image/png')).toBe(false);
    // A type the browser does not know matches only by extension.
    expect(matchesAccept(file('data.bin', ''), 'application/*')).toBe(false);
    expect(matchesAccept(file('anything', ''), '')).toBe(true);
    expect(matchesAccept(file('anything', ''), undefined)).toBe(true);
  });
});

describe('validateFiles', () => {
  it('refuses wrong types and large files with their reason, and leaves out files beyond maxFiles', () => {
    const files = [
      file('notes.txt', 'text/plain'),
      file('big.png', 'image/png', 2000),
      file('a.png', 'image/png'),
      file('b.jpg', 'image/jpeg'),
      file('c.gif', 'image/gif'),
      file('d.gif', 'image/gif'),
    ];
    const { accepted, rejected } = validateFiles(files, { accept: 'image/*', maxFileBytes: 1000, maxFiles: 3 }, 1);
    expect(accepted.map((f) => f.name)).toEqual(['a.png', 'b.jpg']);
    expect(rejected).toEqual([
      { reason: 'type', name: 'notes.txt', type: 'text/plain', accept: 'image/*' },
      { reason: 'size', name: 'big.png', size: 2000, maxFileBytes: 1000 },
      { reason: 'count', names: ['c.gif', 'd.gif'], maxFiles: 3 },
    ]);
  });

  it('treats missing or non-positive limits as no limit', () => {
    const files = [file('a.exe', 'application/x-msdownload', 5000), file('b', '')];
    expect(validateFiles(files, { maxFileBytes: 0, maxFiles: -1 }).accepted).toHaveLength(2);
  });

  it('says each refusal as a sentence, with sizes in readable units', () => {
    const { rejected } = validateFiles(
      [
        file('notes.txt', 'text/plain'),
        file('big.png', 'image/png', 2_500_000),
        file('a.png', 'image/png'),
        file('b.png', 'image/png'),
      ],
      { accept: 'image/*,.pdf', maxFileBytes: 1_000_000, maxFiles: 1 },
    );
    expect(rejected.map((r) => rejectionMessage(r, defaultAttachmentLabels))).toEqual([
      '“notes.txt” can’t be attached: only image/*, .pdf files are accepted.',
      '“big.png” is too large (2.5 MB). Files can be up to 1 MB.',
      'You can attach up to 1 file, so “b.png” was not added.',
    ]);
  });
});

describe('file descriptions', () => {
  it('formats sizes with decimal units in the locale', () => {
    expect(formatFileSize(980, 'en')).toBe('980 bytes');
    expect(formatFileSize(12_345, 'en')).toBe('12.3 kB');
    expect(formatFileSize(4_500_000, 'de')).toBe('4,5 MB');
  });

  it('tells images by type, else by the extension of the name or URL', () => {
    expect(isImageFile({ name: 'x', type: 'image/webp' })).toBe(true);
    expect(isImageFile({ name: 'photo.JPG', type: '' })).toBe(true);
    expect(isImageFile({ name: 'photo.jpg', type: 'application/pdf' })).toBe(false);
    expect(
      isImageFile({ name: 'upload', type: 'application/octet-stream', url: 'https://cdn.test/u/1.png?sig=a' }),
    ).toBe(true);
    expect(isImageFile({ name: 'report.pdf', type: '', url: null })).toBe(false);
  });
});

describe('createSessionKey', () => {
  it('is the prefix and 16 random characters, different every time', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => createSessionKey('user-42:')));
    expect(keys.size).toBe(1000);
    for (const key of keys) expect(key).toMatch(/^user-42:[a-z2-9]{16}$/);
    expect(createSessionKey()).toMatch(/^[a-z2-9]{16}$/);
  });
});
