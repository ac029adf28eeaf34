import { describe, expect, it } from 'vitest';
import { linkedFiles } from '../../src/components/tasks/linked-files';

const CDN = 'https://cdn1.wiro.ai/6a6f2e3c/534574';

describe('linkedFiles: the files an answer links to', () => {
  it('finds linked and bare file URLs in order, once each, with names and types from the URL', () => {
    const answer = [
      `Here is your image: [the lighthouse](${CDN}/0.png).`,
      `And a second take: ${CDN}/1.webp, plus the voice-over ${CDN}/voice%20over.wav!`,
      `The same image again: ${CDN}/0.png`,
      `A report: <${CDN}/report.pdf>`,
    ].join('\n\n');
    expect(linkedFiles(answer, true)).toEqual([
      { name: '0.png', contentType: 'image/png', size: null, url: `${CDN}/0.png` },
      { name: '1.webp', contentType: 'image/webp', size: null, url: `${CDN}/1.webp` },
      { name: 'voice over.wav', contentType: 'audio/wav', size: null, url: `${CDN}/voice%20over.wav` },
      { name: 'report.pdf', contentType: 'application/pdf', size: null, url: `${CDN}/report.pdf` },
    ]);
  });

  it('leaves out web pages, code, non-http schemes and images the Markdown already shows', () => {
    const answer = [
      'See https://wiro.ai/docs and [the API](https://api.wiro.ai/v1/Task/Detail).',
      `Inline: ![shown](${CDN}/inline.png)`,
      'In code: `https://example.com/a.png` and',
      '```sh\ncurl -O https://example.com/b.mp4\n```',
      'javascript:alert(1)//x.png and data:image/png;base64,AAAA and ftp://example.com/c.png',
      `Query strings are fine: ${CDN}/clip.mp4?sig=abc#t=2`,
    ].join('\n');
    expect(linkedFiles(answer, true).map((f) => f.url)).toEqual([`${CDN}/clip.mp4?sig=abc#t=2`]);
  });

  it('while streaming, ignores a URL that runs to the end of the text (it may be cut)', () => {
    expect(linkedFiles(`Done: ${CDN}/0.pn`, false)).toEqual([]);
    expect(linkedFiles(`Done: ${CDN}/0.png `, false).map((f) => f.name)).toEqual(['0.png']);
    expect(linkedFiles(`Done: ${CDN}/0.png`, true).map((f) => f.name)).toEqual(['0.png']);
    // An open code fence hides what follows it until it closes.
    expect(linkedFiles(`\`\`\`\n${CDN}/0.png\n`, false)).toEqual([]);
  });
});
