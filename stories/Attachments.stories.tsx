import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useRef, useState, type ReactElement } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import {
  createAgentApi,
  AttachmentErrors,
  AttachmentPreviews,
  DropOverlay,
  MessageAttachments,
  useAttachments,
  useFileDrop,
  usePasteFiles,
  type AttachmentLabels,
  type ChatAttachment,
} from 'wiro-agent-react';
import { gradientPng } from 'wiro-agent-react/testing';
import { agentOf, type AgentMock } from './support/mocks';

/** A real PNG (a generated gradient), as if picked from the disk. */
function png(name: string, width = 96, height = 64): File {
  return new File([gradientPng(width, height) as BlobPart], name, { type: 'image/png' });
}

function pdf(name: string, bytes: number): File {
  return new File([new Uint8Array(bytes)], name, { type: 'application/pdf' });
}

interface DemoProps {
  accept?: string;
  maxFileBytes?: number;
  maxFiles?: number;
  /** Files attached when the story opens. */
  initial?: () => File[];
  labels?: Partial<AttachmentLabels>;
  unstyled?: boolean;
}

/**
 * How a composer uses the pieces: `useAttachments` keeps the files and checks the limits, `useFileDrop`
 * makes the thread a drop target (with `DropOverlay`), `usePasteFiles` takes pasted images in the text
 * box, `AttachmentPreviews` shows the files with thumbnails and `AttachmentErrors` says what was refused.
 */
function ComposerDemo(props: DemoProps): ReactElement {
  const { labels, unstyled, initial, ...limits } = props;
  const attachments = useAttachments(limits);
  const drop = useFileDrop({ onFiles: attachments.add });
  const onPaste = usePasteFiles({ onFiles: attachments.add });
  const seeded = useRef(false);
  const { add } = attachments;
  useEffect(() => {
    if (seeded.current || initial === undefined) return;
    seeded.current = true;
    add(initial());
  }, [add, initial]);
  return (
    <section
      aria-label="Thread"
      data-testid="drop-target"
      {...drop.dropProps}
      style={{
        position: 'relative',
        display: 'grid',
        alignContent: 'end',
        gap: 8,
        minHeight: 260,
        padding: 12,
        border: '1px solid var(--wiro-border)',
        borderRadius: 12,
        fontFamily: 'var(--wiro-font)',
      }}
    >
      <p style={{ margin: 0, color: 'var(--wiro-fg-muted)' }}>Drop files anywhere here, or paste an image below.</p>
      <DropOverlay active={drop.isDragOver} labels={labels} unstyled={unstyled} />
      <AttachmentErrors
        rejections={attachments.rejections}
        onDismiss={attachments.dismissRejections}
        labels={labels}
        unstyled={unstyled}
      />
      <AttachmentPreviews files={attachments.files} onRemove={attachments.remove} labels={labels} unstyled={unstyled} />
      <textarea aria-label="Message" placeholder="Write a message…" rows={2} onPaste={onPaste} />
    </section>
  );
}

/**
 * Attachments: before sending (drop onto the thread, paste into the text box, thumbnails, remove,
 * limits with inline errors) and after (`MessageAttachments`, sent images inline from their URLs and
 * other files as links). Object URLs of thumbnails are revoked when a file is removed or the previews
 * unmount.
 */
const meta = {
  title: 'Conversations/Attachments',
  component: ComposerDemo,
  args: { accept: 'image/*,.pdf', maxFileBytes: 5_000_000, maxFiles: 4, unstyled: false },
  argTypes: { initial: { control: false } },
  parameters: { frame: { width: 560 } },
} satisfies Meta<typeof ComposerDemo>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Picked files before sending: images as thumbnails, a PDF with its size; remove any of them. */
export const Previews: Story = {
  args: { initial: () => [png('gradient.png'), png('wide.png', 240, 64), pdf('quarterly-report.pdf', 2_400_000)] },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const list = await canvas.findByRole('list', { name: 'Files to send' });
    await waitFor(() => expect(list.querySelectorAll('img[src^="blob:"]')).toHaveLength(2));
    await userEvent.click(canvas.getByRole('button', { name: 'Remove wide.png' }));
    await expect(within(list).queryByText('wide.png')).toBeNull();
    await expect(canvas.getByRole('button', { name: 'Remove quarterly-report.pdf' })).toHaveFocus();
  },
};

/** Files dragged over the thread: it is outlined (`data-drag-over`) and says what dropping does. */
export const DragOver: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const target = canvas.getByTestId('drop-target');
    const transfer = new DataTransfer();
    transfer.items.add(png('dragged.png'));
    target.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    await waitFor(() => expect(target).toHaveAttribute('data-drag-over', 'true'));
    await expect(canvas.getByText('Drop files to attach them')).toBeVisible();
  },
};

/** Dropping: the files within the limits are attached. */
export const Dropped: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const target = canvas.getByTestId('drop-target');
    const transfer = new DataTransfer();
    transfer.items.add(png('dropped.png'));
    target.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    await expect(await canvas.findByText('dropped.png')).toBeVisible();
    await expect(target).not.toHaveAttribute('data-drag-over');
  },
};

/** A screenshot pasted into the text box becomes an attachment. */
export const PastedImage: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const box = canvas.getByRole('textbox', { name: 'Message' });
    const clipboard = new DataTransfer();
    clipboard.items.add(png('image.png'));
    box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true }));
    await expect(await canvas.findByText(/^pasted-image-.*\.png$/)).toBeVisible();
  },
};

/** Files outside the limits are refused, each with a sentence saying why. */
export const AttachmentErrorsStory: Story = {
  name: 'Attachment errors',
  args: { accept: 'image/*', maxFileBytes: 20_000, maxFiles: 2 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const target = canvas.getByTestId('drop-target');
    const transfer = new DataTransfer();
    for (const file of [
      pdf('contract.pdf', 100),
      png('poster.png', 400, 300),
      png('a.png'),
      png('b.png'),
      png('c.png'),
    ]) {
      transfer.items.add(file);
    }
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveTextContent('“contract.pdf” can’t be attached: only image/* files are accepted.');
    await expect(alert).toHaveTextContent(/“poster\.png” is too large \([\d.]+ kB\)\. Files can be up to 20 kB\./);
    await expect(alert).toHaveTextContent('You can attach up to 2 files, so “c.png” was not added.');
    await userEvent.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    await expect(canvas.queryByRole('alert')).toBeNull();
  },
};

/** The same pieces in German. */
export const Translated: Story = {
  args: {
    maxFiles: 1,
    initial: () => [png('bild.png'), png('zweites.png')],
    labels: {
      attachments: 'Anhänge',
      remove: (name) => `${name} entfernen`,
      tooMany: (max, leftOut) => `Höchstens ${max} Datei; nicht hinzugefügt: ${leftOut.join(', ')}.`,
      dropFiles: 'Dateien hier ablegen',
      dismiss: 'Schließen',
    },
  },
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert');
    await expect(alert).toHaveTextContent('Höchstens 1 Datei; nicht hinzugefügt: zweites.png.');
  },
};

// ---- After sending ----

/**
 * Sends a message with files to the story's mocked Wiro (multipart, as `<AgentChat>` does), reads the
 * conversation back from Message/History and shows the stored files, served by the mock from its URLs.
 */
function SentFiles({ agent }: { agent: AgentMock }): ReactElement {
  const [sent, setSent] = useState<ChatAttachment[] | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    const api = createAgentApi({ baseUrl: agent.apiBaseUrl });
    const ids = { useragentguid: agent.useragentguid, sessionkey: agent.sessionkey };
    void (async () => {
      await api.send(
        {
          ...ids,
          message: 'Here is the chart and the report.',
          attachments: [png('chart.png', 240, 140), pdf('quarterly-report.pdf', 2_400_000)],
        },
        { signal: controller.signal },
      );
      const page = await api.history(ids, { signal: controller.signal });
      const files = page.messages.flatMap((message) => message.attachments);
      // A row whose URL the policy refuses: named, never linked or loaded.
      setSent([...files, { name: 'script.html', type: 'text/html', size: 120, url: 'javascript:alert(1)' }]);
    })().catch(() => undefined);
    return () => controller.abort();
  }, [agent]);
  if (sent === null) return <p role="status">Sending…</p>;
  return (
    <div style={{ display: 'grid', justifyItems: 'end' }}>
      <MessageAttachments attachments={sent} />
    </div>
  );
}

/**
 * A sent message's files in history: the image inline from its URL (a link to the full size), the PDF
 * as a link with its size, and a file whose URL the policy refuses (`javascript:`) named but not linked.
 */
export const SentAttachments: StoryObj<typeof MessageAttachments> = {
  parameters: { agent: {} },
  render: (_args, { loaded }) => <SentFiles key={agentOf(loaded).apiBaseUrl} agent={agentOf(loaded)} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const image = await canvas.findByRole('img', { name: 'Attached image: chart.png' }, { timeout: 20_000 });
    await expect(image.getAttribute('src')).toMatch(/\/mock-files\/\d+\/chart\.png$/);
    await waitFor(() => expect((image as HTMLImageElement).naturalWidth).toBe(240));
    await expect(canvas.getByRole('link', { name: /quarterly-report\.pdf/ })).toHaveAttribute(
      'href',
      expect.stringMatching(/\/mock-files\/\d+\/quarterly-report\.pdf$/),
    );
    await expect(canvas.getByText('2.4 MB')).toBeVisible();
    await expect(canvas.getByText('script.html').closest('a')).toBeNull();
  },
};
