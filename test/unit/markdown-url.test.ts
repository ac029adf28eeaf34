import { describe, expect, it } from 'vitest';
import { safeUrlTransform } from 'wiro-agent-react';

describe('safeUrlTransform', () => {
  it.each([
    'https://example.com/a?b=c#d',
    'http://example.com',
    'HTTPS://EXAMPLE.COM',
    'mailto:someone@example.com',
    '/relative/path',
    'relative/path:with-colon',
    './file.md',
    '#section',
    '?q=1',
    '//cdn.example.com/x.png',
  ])('keeps %j', (url) => {
    expect(safeUrlTransform(url)).toBe(url);
  });

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0001javascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'data:image/png;base64,AAAA',
    'file:///etc/passwd',
    'ftp://example.com',
    'custom-app:open',
  ])('drops %j', (url) => {
    expect(safeUrlTransform(url)).toBeNull();
  });
});
