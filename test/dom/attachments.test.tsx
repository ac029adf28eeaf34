import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode, type ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AttachmentErrors,
  AttachmentPreviews,
  DropOverlay,
  MessageAttachments,
  useAttachments,
  useFileDrop,
  usePasteFiles,
  type AttachmentLabels,
  type AttachmentLimits,
  type ChatAttachment,
} from 'wiro-agent-react';

const file = (name: string, type: string, bytes = 10): File => new File([new Uint8Array(bytes)], name, { type });

/** A composer-like harness: drop onto the section, paste into the text box, previews and errors. */
function Composer(props: AttachmentLimits & { labels?: Partial<AttachmentLabels> }): ReactElement {
  const { labels, ...limits } = props;
  const attachments = useAttachments(limits);
  const drop = useFileDrop({ onFiles: attachments.add });
  const onPaste = usePasteFiles({ onFiles: attachments.add });
  return (
    <section aria-label="Thread" style={{ position: 'relative' }} {...drop.dropProps}>
      <p>Messages</p>
      <DropOverlay active={drop.isDragOver} labels={labels} />
      <AttachmentErrors rejections={attachments.rejections} onDismiss={attachments.dismissRejections} labels={labels} />
      <AttachmentPreviews files={attachments.files} onRemove={attachments.remove} labels={labels} />
      <textarea aria-label="Message" onPaste={onPaste} />
    </section>
  );
}

/** A drag event's `dataTransfer`, as a browser gives it for files dragged from the desktop. */
function filesTransfer(files: File[], types = ['Files']) {
  return { dataTransfer: { types, files, dropEffect: 'none' } };
}

describe('drag and drop', () => {
  it('marks the target while files are over it (children included) and attaches what is dropped', () => {
    render(<Composer />);
    const thread = screen.getByRole('region', { name: 'Thread' });
    const child = screen.getByText('Messages');
    const transfer = filesTransfer([file('photo.png', 'image/png')]);
    fireEvent.dragEnter(thread, transfer);
    expect(thread.getAttribute('data-drag-over')).toBe('true');
    const overlay = screen.getByText('Drop files to attach them');
    expect(thread.contains(overlay)).toBe(true);
    // A pointer gesture: the overlay is hidden from screen readers.
    expect(overlay.parentElement?.getAttribute('aria-hidden')).toBe('true');
    // Moving onto a child: enter on the child comes before leave on the parent. No flicker.
    fireEvent.dragEnter(child, transfer);
    fireEvent.dragLeave(thread, transfer);
    expect(thread.getAttribute('data-drag-over')).toBe('true');
    const over = fireEvent.dragOver(child, transfer);
    expect(over).toBe(false); // cancelled: the browser lets the files drop here
    const dropped = fireEvent.drop(child, transfer);
    expect(dropped).toBe(false); // cancelled: the browser does not open the file
    expect(thread.getAttribute('data-drag-over')).toBeNull();
    expect(screen.queryByText('Drop files to attach them')).toBeNull();
    const attached = within(screen.getByRole('list', { name: 'Files to send' })).getAllByRole('listitem');
    expect(attached.map((li) => li.textContent)).toEqual(['photo.png10 bytes']);
    expect(attached[0]?.getAttribute('data-kind')).toBe('image');
  });

  it('leaving the target unmarks it; dragging text is left to the browser', () => {
    render(<Composer />);
    const thread = screen.getByRole('region', { name: 'Thread' });
    fireEvent.dragEnter(thread, filesTransfer([]));
    fireEvent.dragLeave(thread, filesTransfer([]));
    expect(thread.getAttribute('data-drag-over')).toBeNull();
    const text = filesTransfer([], ['text/plain']);
    fireEvent.dragEnter(thread, text);
    expect(thread.getAttribute('data-drag-over')).toBeNull();
    expect(fireEvent.dragOver(thread, text)).toBe(true);
  });
});

describe('paste', () => {
  it('a pasted image is attached under a unique name, and not pasted as text', () => {
    render(<Composer />);
    const box = screen.getByRole('textbox', { name: 'Message' });
    const image = file('image.png', 'image/png');
    const pasted = fireEvent.paste(box, { clipboardData: { getData: () => '', files: [image], items: [] } });
    expect(pasted).toBe(false);
    const names = within(screen.getByRole('list', { name: 'Files to send' })).getAllByRole('listitem');
    expect(names[0]?.textContent).toMatch(/^pasted-image-\d{8}-\d{6}-\d+\.png/);
  });

  it('when the clipboard also holds text (a word processor), the text is pasted and the picture ignored', () => {
    render(<Composer />);
    const box = screen.getByRole('textbox', { name: 'Message' });
    const pasted = fireEvent.paste(box, {
      clipboardData: {
        getData: (type: string) => (type === 'text/plain' ? 'Quarterly report' : ''),
        files: [file('image.png', 'image/png')],
        items: [],
      },
    });
    expect(pasted).toBe(true);
    expect(screen.queryByRole('list', { name: 'Files to send' })).toBeNull();
  });

  it('reads files from clipboard items when `files` is empty', () => {
    render(<Composer />);
    const box = screen.getByRole('textbox', { name: 'Message' });
    const shot = file('screenshot.png', 'image/png');
    fireEvent.paste(box, {
      clipboardData: {
        getData: () => '',
        files: [],
        items: [{ kind: 'string' }, { kind: 'file', getAsFile: () => shot }],
      },
    });
    const attached = within(screen.getByRole('list', { name: 'Files to send' })).getAllByRole('listitem');
    expect(attached.map((li) => li.textContent)).toEqual(['screenshot.png10 bytes']);
    expect(attached[0]?.getAttribute('data-kind')).toBe('image');
  });
});

describe('limits', () => {
  it('refused files get one clear sentence each, announced as an alert; dismissing hides them', async () => {
    render(<Composer accept="image/*" maxFileBytes={1000} maxFiles={2} />);
    const thread = screen.getByRole('region', { name: 'Thread' });
    fireEvent.drop(
      thread,
      filesTransfer([
        file('notes.txt', 'text/plain'),
        file('big.png', 'image/png', 2000),
        file('a.png', 'image/png'),
        file('b.png', 'image/png'),
        file('c.png', 'image/png'),
      ]),
    );
    const alert = screen.getByRole('alert');
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      '“notes.txt” can’t be attached: only image/* files are accepted.',
      '“big.png” is too large (2 kB). Files can be up to 1 kB.',
      'You can attach up to 2 files, so “c.png” was not added.',
    ]);
    expect(within(screen.getByRole('list', { name: 'Files to send' })).getAllByRole('listitem')).toHaveLength(2);
    // The limit counts what is already attached.
    fireEvent.drop(thread, filesTransfer([file('d.png', 'image/png')]));
    expect(screen.getByRole('alert').textContent).toBe('You can attach up to 2 files, so “d.png” was not added.');
    await userEvent.click(within(screen.getByRole('alert')).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a later add within the limits clears the earlier refusals', () => {
    render(<Composer accept=".pdf" />);
    const thread = screen.getByRole('region', { name: 'Thread' });
    fireEvent.drop(thread, filesTransfer([file('x.png', 'image/png')]));
    expect(screen.getByRole('alert').textContent).toBe('“x.png” can’t be attached: only .pdf files are accepted.');
    fireEvent.drop(thread, filesTransfer([file('report.pdf', 'application/pdf')]));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('messages are translatable', () => {
    render(
      <Composer
        maxFileBytes={1000}
        labels={{
          rejectedSize: (name, size, limit) => `« ${name} » est trop lourd (${size}, maximum ${limit}).`,
          fileSize: (bytes) => `${bytes} o`,
          dropFiles: 'Déposez les fichiers ici',
        }}
      />,
    );
    const thread = screen.getByRole('region', { name: 'Thread' });
    fireEvent.dragEnter(thread, filesTransfer([]));
    expect(thread.contains(screen.getByText('Déposez les fichiers ici'))).toBe(true);
    expect(screen.queryByText('Drop files to attach them')).toBeNull();
    fireEvent.drop(thread, filesTransfer([file('big.png', 'image/png', 2000)]));
    expect(screen.getByRole('alert').textContent).toBe('« big.png » est trop lourd (2000 o, maximum 1000 o).');
  });
});

describe('previews and object URLs', () => {
  let live: Set<string>;
  let created: string[];
  let revoked: string[];

  beforeEach(() => {
    live = new Set();
    created = [];
    revoked = [];
    let n = 0;
    // jsdom has no object URLs: stand-ins that record what the previews create and revoke.
    vi.spyOn(URL, 'createObjectURL').mockImplementation(() => {
      const url = `blob:test/${++n}`;
      created.push(url);
      live.add(url);
      return url;
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url: string) => {
      revoked.push(url);
      live.delete(url);
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('images get thumbnails from object URLs, other files a badge; each URL is revoked when its file goes or the list unmounts', async () => {
    const user = userEvent.setup();
    const a = file('a.png', 'image/png');
    const b = file('b.jpg', 'image/jpeg');
    const pdf = file('report.pdf', 'application/pdf', 2_400_000);
    function Host(): ReactElement {
      const attachments = useAttachments();
      return (
        <>
          <button type="button" onClick={() => attachments.add([a, b, pdf])}>
            Add
          </button>
          <AttachmentPreviews files={attachments.files} onRemove={attachments.remove} />
        </>
      );
    }
    const view = render(
      <StrictMode>
        <Host />
      </StrictMode>,
    );
    await user.click(screen.getByRole('button', { name: 'Add' }));
    const list = screen.getByRole('list', { name: 'Files to send' });
    const images = list.querySelectorAll('img');
    expect(images).toHaveLength(2);
    // StrictMode mounts twice: the first pair of URLs is already revoked, the second is in use.
    expect(live.size).toBe(2);
    expect([...images].map((img) => img.getAttribute('src'))).toEqual([...live]);
    // The PDF gets a badge with its extension and its size, in its own item.
    const pdfItem = within(list).getByText('report.pdf').closest('li');
    expect(pdfItem?.getAttribute('data-kind')).toBe('file');
    expect(within(list).getByText('PDF').closest('li')).toBe(pdfItem);
    expect(within(list).getByText('2.4 MB').closest('li')).toBe(pdfItem);

    const aUrl = images[0]?.getAttribute('src') as string;
    await user.click(screen.getByRole('button', { name: 'Remove a.png' }));
    expect(revoked).toContain(aUrl);
    expect(live.size).toBe(1);
    // Focus went to the file now in the removed one's place.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove b.jpg' }));

    view.unmount();
    expect(live.size).toBe(0);
    expect(revoked.sort()).toEqual(created.sort());
  });

  it('a new File in the same place gets a new URL and the old one is revoked', () => {
    const first = file('x.png', 'image/png');
    const second = file('x.png', 'image/png');
    const view = render(<AttachmentPreviews files={[first]} />);
    const before = [...live];
    view.rerender(<AttachmentPreviews files={[second]} />);
    expect(before.every((url) => revoked.includes(url))).toBe(true);
    expect(live.size).toBe(1);
    view.unmount();
    expect(live.size).toBe(0);
  });
});

describe('MessageAttachments', () => {
  const sent = (name: string, type: string, url: string | null, size: number | null = 1200): ChatAttachment => ({
    name,
    type,
    url,
    size,
  });

  it('shows sent images inline from their URLs and other files as links with their size', () => {
    render(
      <MessageAttachments
        attachments={[
          sent('chart.png', 'image/png', 'https://cdn.test/f/chart.png'),
          sent('report.pdf', 'application/pdf', 'https://cdn.test/f/report.pdf', 48_000),
        ]}
      />,
    );
    const group = screen.getByRole('group', { name: 'Attached files' });
    const image = within(group).getByRole('img', { name: 'Attached image: chart.png' });
    expect(image.getAttribute('src')).toBe('https://cdn.test/f/chart.png');
    expect(image.closest('a')?.getAttribute('href')).toBe('https://cdn.test/f/chart.png');
    const link = within(group).getByRole('link', { name: /^report\.pdf\s*\(opens in a new tab\)$/ });
    expect(link.getAttribute('href')).toBe('https://cdn.test/f/report.pdf');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    const size = within(group).getByText('48 kB');
    expect(size.closest('li')).toBe(link.closest('li'));
    expect(link.contains(size)).toBe(false);
  });

  it('never links or loads a URL the policy refuses, or none at all', () => {
    const { container } = render(
      <MessageAttachments
        attachments={[
          sent('evil.png', 'image/png', 'javascript:alert(1)'),
          sent('inline.png', 'image/png', 'data:image/png;base64,AAAA'),
          sent('picked.txt', 'text/plain', null, null),
        ]}
      />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('a')).toBeNull();
    // Each file is still named (with its size when known), as plain text.
    const items = within(screen.getByRole('group', { name: 'Attached files' })).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual(['evil.png1.2 kB', 'inline.png1.2 kB', 'picked.txt']);
  });

  it('an image that fails to load becomes a link chip; a custom urlTransform applies', () => {
    render(
      <MessageAttachments
        attachments={[sent('gone.png', 'image/png', 'https://cdn.test/expired.png')]}
        urlTransform={(url) => `${url}?signed=1`}
      />,
    );
    const image = screen.getByRole('img');
    expect(image.getAttribute('src')).toBe('https://cdn.test/expired.png?signed=1');
    act(() => {
      fireEvent.error(image);
    });
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByRole('link', { name: /^gone\.png\s*\(opens in a new tab\)$/ }).getAttribute('href')).toBe(
      'https://cdn.test/expired.png?signed=1',
    );
  });

  it('renders nothing without attachments', () => {
    const { container } = render(<MessageAttachments attachments={[]} />);
    expect(container.innerHTML).toBe('');
  });
});
