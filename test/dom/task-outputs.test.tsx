import { fireEvent, render, screen, within } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TaskOutputs } from 'wiro-agent-react';
import { createTask, decodeTaskFrame, reduceTask, type TaskStream } from 'wiro-agent-react/core';
import { replayTask, taskScenarioFrames, type TaskScenarioInput } from 'wiro-agent-react/testing';

const T = 'task-tok-0123456789';

function finished(input: TaskScenarioInput, atMs = Infinity): TaskStream {
  return replayTask(T, taskScenarioFrames(T, input, { baseUrl: 'https://cdn.example/files', taskid: '9' }), atMs);
}

/** A run whose result lists these files (wire entries), exit code 0. */
function withOutputs(outputs: Record<string, unknown>[]): TaskStream {
  const frame = decodeTaskFrame({ type: 'task_postprocess_end', tasktoken: T, message: outputs, pexit: '0' });
  if (frame.type === 'protocol_error') throw new Error(frame.error);
  return reduceTask(createTask(T), frame);
}

const group = () => screen.getByRole('group', { name: 'Outputs' });

describe('TaskOutputs', () => {
  it('shows images in a grid, each a button that opens it large', () => {
    render(<TaskOutputs task={finished({ outputs: ['0.png', '1.png'] })} />);
    const images = within(group()).getAllByRole('img');
    expect(images.map((img) => img.getAttribute('alt'))).toEqual([
      'Output image 1 of 2 (0.png)',
      'Output image 2 of 2 (1.png)',
    ]);
    expect(images.map((img) => img.getAttribute('src'))).toEqual([
      'https://cdn.example/files/9/0.png',
      'https://cdn.example/files/9/1.png',
    ]);
    expect(screen.getByRole('button', { name: 'Open image 2 of 2: 1.png' })).not.toBeNull();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('opens the viewer on a click, moves with the arrow keys, keeps Tab inside, and closes on Escape', () => {
    render(<TaskOutputs task={finished({ outputs: ['0.png', '1.png', '2.png'] })} />);
    const opener = screen.getByRole('button', { name: 'Open image 1 of 3: 0.png' });
    fireEvent.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Image 1 of 3: 0.png' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const close = within(dialog).getByRole('button', { name: 'Close' });
    expect(document.activeElement).toBe(close);
    expect(within(dialog).getByRole('img').getAttribute('src')).toBe('https://cdn.example/files/9/0.png');

    fireEvent.keyDown(dialog, { key: 'ArrowRight' });
    expect(screen.getByRole('dialog').getAttribute('aria-label')).toBe('Image 2 of 3: 1.png');
    fireEvent.keyDown(dialog, { key: 'ArrowLeft' });
    fireEvent.keyDown(dialog, { key: 'ArrowLeft' });
    expect(screen.getByRole('dialog').getAttribute('aria-label')).toBe('Image 3 of 3: 2.png');
    expect(within(dialog).getByRole('link', { name: 'Download 2.png' }).getAttribute('href')).toBe(
      'https://cdn.example/files/9/2.png',
    );

    // Tab from the last control wraps to the first, Shift+Tab from the first to the last.
    const controls = within(dialog).getAllByRole('button');
    const first = controls[0] as HTMLElement;
    fireEvent.keyDown(dialog, { key: 'Tab' });
    expect(document.activeElement).toBe(first);
    fireEvent.keyDown(dialog, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(close);

    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    // Focus goes back to the thumbnail of the image last shown.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Open image 3 of 3: 2.png' }));
  });

  it('closes the viewer with its button and on a click beside the image', () => {
    render(<TaskOutputs task={finished({ outputs: ['0.png'] })} />);
    fireEvent.click(screen.getByRole('button', { name: 'Open image: 0.png' }));
    expect(within(screen.getByRole('dialog')).queryByRole('button', { name: 'Next image' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Open image: 0.png' }));
    fireEvent.click(screen.getByRole('dialog'));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('plays video and audio, and offers other files as download links with their size', () => {
    const { container } = render(
      <TaskOutputs
        task={finished({ outputs: ['clip.webm', 'voice.wav', { name: 'notes.txt', media: 'text' }] })}
        locale="en-US"
      />,
    );
    const video = container.querySelector('video');
    const audio = container.querySelector('audio');
    expect(video?.getAttribute('src')).toBe('https://cdn.example/files/9/clip.webm');
    expect(video?.hasAttribute('controls')).toBe(true);
    expect(audio?.getAttribute('src')).toBe('https://cdn.example/files/9/voice.wav');
    const link = screen.getByRole('link', { name: 'Download notes.txt' });
    expect(link.getAttribute('download')).toBe('notes.txt');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(link.parentElement?.textContent).toBe('notes.txt19 B');
    const sized = withOutputs([{ name: 'w.safetensors', size: '202472', url: 'https://cdn.example/w.safetensors' }]);
    const view = render(<TaskOutputs task={sized} locale="en-US" />);
    expect(view.getByText('197.7 KB')).not.toBeNull();
  });

  it('applies the markdown URL policy: refused addresses are named, never linked or loaded', () => {
    const task = withOutputs([
      { name: 'evil.png', contenttype: 'image/png', url: 'javascript:alert(1)' },
      { name: 'tab.mp4', contenttype: 'video/mp4', url: 'java\tscript:alert(1)' },
      { name: 'inline.png', contenttype: 'image/png', url: 'data:image/png;base64,AAAA' },
      { name: 'app.zip', url: 'vbscript:msgbox' },
      { name: 'ok.png', url: '/files/ok.png' },
    ]);
    const { container } = render(<TaskOutputs task={task} />);
    expect([...container.querySelectorAll('img')].map((img) => img.getAttribute('src'))).toEqual(['/files/ok.png']);
    expect(container.querySelector('video')).toBeNull();
    for (const a of container.querySelectorAll('a')) expect(a.getAttribute('href')).toBe('/files/ok.png');
    for (const name of ['evil.png', 'tab.mp4', 'inline.png', 'app.zip']) {
      expect(screen.getByText(`${name} (link removed: unsafe address)`)).not.toBeNull();
    }
    expect(container.innerHTML).not.toMatch(/javascript|vbscript|data:/);
  });

  it('lets the app rewrite or refuse output URLs with its own transform', () => {
    const task = finished({ outputs: ['0.png', 'secret.wav'] });
    const { container } = render(
      <TaskOutputs
        task={task}
        urlTransform={(url, file) =>
          file.name === 'secret.wav' ? null : url.replace('https://cdn.example/', '/proxy/')
        }
      />,
    );
    expect(container.querySelector('img')?.getAttribute('src')).toBe('/proxy/files/9/0.png');
    expect(container.querySelector('audio')).toBeNull();
    expect(screen.getByText('secret.wav (link removed: unsafe address)')).not.toBeNull();
  });

  it('shows why a run failed and the tail of its stderr', () => {
    const task = finished({ outcome: 'failure', exitCode: 137, stderr: ['UserWarning: slow'] });
    render(<TaskOutputs task={task} errorLines={2} />);
    expect(screen.getByRole('alert').textContent).toBe('The run failed (exit code 137).');
    const log = screen.getByRole('figure', { name: 'Error output' });
    expect(log.querySelector('pre')?.textContent).toBe(
      '  File "predict.py", line 42, in run\nRuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB',
    );
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('shows no failure for stderr warnings of a run that succeeded', () => {
    render(<TaskOutputs task={finished({ stderr: ['UserWarning: Some weights were not initialized'] })} />);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('figure', { name: 'Error output' })).toBeNull();
  });

  it('streams an LLM run’s text through the markdown renderer, with its reasoning and without raw HTML', () => {
    const input: TaskScenarioInput = {
      text: '## Qubits\n\nA qubit is **both** <img src=x onerror=alert(1)> at once.',
      thinking: 'Keep it short.',
      chunkChars: 20,
    };
    const live = finished(input, 700);
    const { container, rerender } = render(<TaskOutputs task={live} />);
    const region = container.querySelector('[aria-live="polite"]');
    expect(region?.getAttribute('aria-busy')).toBe('true');
    rerender(<TaskOutputs task={finished(input)} />);
    expect(region?.getAttribute('aria-busy')).toBe('false');
    expect(screen.getByRole('heading', { name: 'Qubits' })).not.toBeNull();
    expect(container.querySelector('strong')?.textContent).toBe('both');
    expect(screen.getByRole('button', { name: /Thought|Thoughts/ })).not.toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('[onerror]')).toBeNull();
  });

  it('says when a run is unknown, or succeeded without outputs', () => {
    const unknown = reduceTask(createTask(T), { type: 'local_task_recovered', tasktoken: T, record: null });
    const { unmount } = render(<TaskOutputs task={unknown} />);
    expect(screen.getByRole('alert').textContent).toBe('This run could not be found.');
    unmount();
    render(<TaskOutputs task={withOutputs([])} labels={{ noOutputs: 'Rien.' }} />);
    expect(screen.getByText('Rien.')).not.toBeNull();
  });

  it('renders on the server (no viewer, nothing touching the DOM)', () => {
    const html = renderToString(<TaskOutputs task={finished({ outputs: ['0.png', 'voice.wav'], text: 'Hi' })} />);
    expect(html).toContain('src="https://cdn.example/files/9/0.png"');
    expect(html).toContain('<audio');
    expect(html).not.toContain('role="dialog"');
  });

  it('shows nothing but the group while the run has produced nothing yet', () => {
    render(<TaskOutputs task={finished({}, 500)} />);
    expect(group().childElementCount).toBe(0);
  });
});
