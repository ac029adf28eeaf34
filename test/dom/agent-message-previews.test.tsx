/**
 * `<AgentMessage linkPreviews={LinkPreviews}>`: the images and files an answer links to, previewed under
 * it with the task outputs' pieces, opt-in, through the URL policy.
 */
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AgentMessage, LinkPreviews } from 'wiro-agent-react';
import { createStream, decodeFrame, reduceStream, type AgentStream, type StreamEvent } from 'wiro-agent-react/core';
import { wireProgress } from 'wiro-agent-react/testing';

const CDN = 'https://cdn1.wiro.ai/6a6f2e3c/534574';
const TOKEN = 'PreviewToken0123456789abcdefgh';

function reply(text: string, done = true): AgentStream {
  const frame = decodeFrame(
    JSON.stringify({
      type: done ? 'agent_end' : 'agent_output',
      agenttoken: TOKEN,
      message: wireProgress(text, 1000, done),
      result: true,
    }),
  );
  const subscribing = reduceStream(createStream(TOKEN), { type: 'local_subscribing', agenttoken: TOKEN });
  return reduceStream(subscribing, frame as StreamEvent);
}

const ANSWER = [
  `I generated two images: [first](${CDN}/0.png) and ${CDN}/1.png.`,
  `The narration: ${CDN}/voice.wav`,
  `Everything in one archive: [outputs.zip](${CDN}/outputs.zip)`,
  'Docs: https://wiro.ai/docs',
].join('\n\n');

describe('AgentMessage linkPreviews', () => {
  it('is off by default: the links stay links, nothing is loaded', () => {
    const { container } = render(<AgentMessage stream={reply(ANSWER)} />);
    expect(container.querySelector('.wiro-message-previews')).toBeNull();
    expect(screen.queryAllByRole('img')).toEqual([]);
  });

  it('shows the linked images in a grid with a viewer, a player for audio and a download for other files', () => {
    const { container } = render(<AgentMessage stream={reply(ANSWER)} linkPreviews={LinkPreviews} />);
    const previews = screen.getByRole('group', { name: 'Linked files' });
    const images = within(previews).getAllByRole('img');
    expect(images.map((img) => img.getAttribute('src'))).toEqual([`${CDN}/0.png`, `${CDN}/1.png`]);
    expect(images[0]?.getAttribute('alt')).toBe('Output image 1 of 2 (0.png)');
    expect(container.querySelector('audio')?.getAttribute('src')).toBe(`${CDN}/voice.wav`);
    const download = within(previews).getByRole('link', { name: 'Download outputs.zip' });
    expect(download.getAttribute('href')).toBe(`${CDN}/outputs.zip`);
    expect(download.getAttribute('rel')).toBe('noopener noreferrer');
    // The web page is not a file.
    expect(within(previews).queryByText(/wiro\.ai\/docs/)).toBeNull();

    fireEvent.click(within(previews).getByRole('button', { name: 'Open image 2 of 2: 1.png' }));
    const viewer = screen.getByRole('dialog', { name: 'Image 2 of 2: 1.png' });
    expect(within(viewer).getByRole('img').getAttribute('src')).toBe(`${CDN}/1.png`);
  });

  it('passes every URL through the policy: a refused one is named, never loaded or linked', () => {
    render(
      <AgentMessage
        stream={reply(`Two files: ${CDN}/ok.png and ${CDN}/blocked.png`)}
        linkPreviews={LinkPreviews}
        previewUrlTransform={(url) => (url.includes('blocked') ? null : url.replace(CDN, '/proxy'))}
        previewLabels={{ unsafeUrl: (name) => `${name} (refused)` }}
      />,
    );
    expect(screen.getAllByRole('img').map((img) => img.getAttribute('src'))).toEqual(['/proxy/ok.png']);
    // Named, but neither loaded nor linked.
    const refused = screen.getByText('blocked.png (refused)');
    expect(refused.closest('a')).toBeNull();
    const previews = screen.getByRole('group', { name: 'Linked files' });
    expect(
      within(previews)
        .queryAllByRole('link')
        .map((a) => a.getAttribute('href')),
    ).not.toContain(`${CDN}/blocked.png`);
    expect(previews.contains(refused)).toBe(true);
  });

  it('takes a renderer of your own, given the answer and whether it is complete', () => {
    const seen: [string, boolean][] = [];
    function Mine({ text, complete }: { text: string; complete: boolean }) {
      seen.push([text, complete]);
      return <p>mine</p>;
    }
    render(<AgentMessage stream={reply(ANSWER)} linkPreviews={Mine} />);
    // The renderer of your own draws under the answer, in place of the kit's previews.
    const mine = screen.getByText('mine');
    expect(mine.closest('.wiro-message')).not.toBeNull();
    expect(screen.queryByRole('group', { name: 'Linked files' })).toBeNull();
    expect(seen.at(-1)).toEqual([reply(ANSWER).answer, true]);
  });

  it('while streaming, previews only URLs that are complete', () => {
    const { rerender } = render(
      <AgentMessage stream={reply(`Here: ${CDN}/0.pn`, false)} linkPreviews={LinkPreviews} />,
    );
    expect(screen.queryAllByRole('img')).toEqual([]);
    rerender(<AgentMessage stream={reply(`Here: ${CDN}/0.png and more`, false)} linkPreviews={LinkPreviews} />);
    expect(screen.getAllByRole('img').map((img) => img.getAttribute('src'))).toEqual([`${CDN}/0.png`]);
  });
});
