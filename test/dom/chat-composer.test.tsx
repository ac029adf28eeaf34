import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Composer, defaultChatLabels } from 'wiro-agent-react';

function setup(props: Partial<Parameters<typeof Composer>[0]> = {}) {
  const onSend = vi.fn<(text: string, files: File[]) => void>();
  const user = userEvent.setup();
  const view = render(<Composer onSend={onSend} {...props} />);
  const box = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Write a message…' });
  const sendButton = screen.getByRole('button', { name: 'Send' });
  return { onSend, user, box, sendButton, ...view };
}

describe('Composer keyboard', () => {
  it('Enter sends the text, clears the box and keeps focus in it', async () => {
    const { onSend, user, box } = setup();
    await user.click(box);
    await user.type(box, 'Hello agent{Enter}');
    expect(onSend).toHaveBeenCalledTimes(1);
    expect(onSend).toHaveBeenCalledWith('Hello agent', []);
    expect(box.value).toBe('');
    expect(document.activeElement).toBe(box);
  });

  it('Shift+Enter starts a new line and sends nothing', async () => {
    const { onSend, user, box } = setup();
    await user.click(box);
    await user.type(box, 'line one{Shift>}{Enter}{/Shift}line two');
    expect(onSend).not.toHaveBeenCalled();
    expect(box.value).toBe('line one\nline two');
    await user.keyboard('{Enter}');
    expect(onSend).toHaveBeenCalledWith('line one\nline two', []);
  });

  it('Enter that confirms an input-method composition does not send', () => {
    const { onSend, box } = setup();
    fireEvent.change(box, { target: { value: 'にほんご' } });
    // Chrome and Firefox flag the key event itself…
    fireEvent.keyDown(box, { key: 'Enter', isComposing: true });
    // …some browsers only report keyCode 229 for keys the input method handles…
    fireEvent.keyDown(box, { key: 'Enter', keyCode: 229 });
    // …and Safari sends a plain Enter before compositionend.
    fireEvent.compositionStart(box);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSend).not.toHaveBeenCalled();
    fireEvent.compositionEnd(box);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledWith('にほんご', []);
  });

  it('Send is disabled while there is nothing to send (blank text included)', async () => {
    const { onSend, user, box, sendButton } = setup();
    expect((sendButton as HTMLButtonElement).disabled).toBe(true);
    await user.click(box);
    await user.type(box, '   ');
    expect((sendButton as HTMLButtonElement).disabled).toBe(true);
    await user.keyboard('{Enter}');
    expect(onSend).not.toHaveBeenCalled();
    await user.type(box, 'x');
    expect((sendButton as HTMLButtonElement).disabled).toBe(false);
  });

  it('the Send button sends and returns focus to the box', async () => {
    const { onSend, user, box, sendButton } = setup();
    await user.type(box, 'By click');
    await user.click(sendButton);
    expect(onSend).toHaveBeenCalledWith('By click', []);
    expect(document.activeElement).toBe(box);
  });
});

describe('Composer attachments', () => {
  it('picked files show as chips that can be removed, and are sent with the text', async () => {
    const { onSend, user, box, container } = setup();
    const input = container.querySelector('input[type="file"]') as HTMLInputElement;
    const a = new File(['aaaa'], 'notes.txt', { type: 'text/plain' });
    const b = new File(['bb'], 'photo.png', { type: 'image/png' });
    await user.upload(input, [a, b]);
    expect(screen.queryByText('notes.txt')).not.toBeNull();
    expect(screen.queryByText('photo.png')).not.toBeNull();

    await user.click(screen.getByRole('button', { name: 'Remove notes.txt' }));
    expect(screen.queryByText('notes.txt')).toBeNull();

    await user.type(box, 'See attached{Enter}');
    expect(onSend).toHaveBeenCalledWith('See attached', [b]);
    expect(screen.queryByText('photo.png')).toBeNull();
  });

  it('files alone can be sent', async () => {
    const { onSend, user, sendButton, container } = setup();
    const file = new File(['x'], 'only.pdf', { type: 'application/pdf' });
    await user.upload(container.querySelector('input[type="file"]') as HTMLInputElement, file);
    expect((sendButton as HTMLButtonElement).disabled).toBe(false);
    await user.click(sendButton);
    expect(onSend).toHaveBeenCalledWith('', [file]);
  });

  it('offers no file button when attachments are off', () => {
    setup({ allowAttachments: false });
    expect(screen.queryByRole('button', { name: 'Attach files' })).toBeNull();
  });
});

describe('Composer Stop button', () => {
  it('shows Stop only while streaming, and calls onStop', async () => {
    const onStop = vi.fn();
    const { user, rerender, onSend } = setup({ onStop, streaming: false });
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
    rerender(<Composer onSend={onSend} onStop={onStop} streaming />);
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    expect(onStop).toHaveBeenCalledTimes(1);
  });

  it('takes translated labels', () => {
    render(<Composer onSend={() => {}} labels={{ ...defaultChatLabels, send: 'Senden', placeholder: 'Nachricht…' }} />);
    expect(screen.queryByRole('button', { name: 'Senden' })).not.toBeNull();
    expect(screen.queryByRole('textbox', { name: 'Nachricht…' })).not.toBeNull();
  });
});
