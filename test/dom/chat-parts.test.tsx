import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { recordStream } from '../../src/chat/records';
import { type ChatMessage, ChatTurn, ErrorBanner, EmptyState } from 'wiro-agent-react';
import { connectionIndicatorState } from '../../src/components/chat/ConnectionIndicator';

function turn(extra: Partial<ChatMessage>): ChatMessage {
  return {
    id: 'local-1',
    content: 'What is a quasar?',
    attachments: [],
    createdAt: 0,
    status: 'done',
    messageguid: 'g-1',
    agenttoken: null,
    stream: null,
    error: null,
    cancelRequested: false,
    origin: 'local',
    ...extra,
  };
}

const finished = recordStream(
  {
    guid: 'g-1',
    content: 'What is a quasar?',
    response: 'A very bright galactic nucleus.',
    debugoutput: 'A very bright galactic nucleus.',
    status: 'agent_end',
    metadata: {},
    attachments: [],
    deletestatus: 0,
    createdat: '1743350400',
  },
  'message:g-1',
);

describe('ChatTurn', () => {
  it('shows the user text and a loaded reply', () => {
    render(<ChatTurn message={turn({ stream: finished, origin: 'history' })} />);
    expect(screen.queryByText('What is a quasar?')).not.toBeNull();
    expect(screen.queryByText('A very bright galactic nucleus.')).not.toBeNull();
    expect(screen.queryByRole('button', { name: /retry/i })).toBeNull();
  });

  it('says "Sending…" while Send is in flight', () => {
    render(<ChatTurn message={turn({ status: 'sending', messageguid: null })} />);
    expect(screen.getByRole('status').textContent).toBe('Sending…');
  });

  it('a failed Send shows its error and a Retry button that retries this turn', async () => {
    const onRetry = vi.fn();
    render(
      <ChatTurn
        message={turn({
          status: 'send-failed',
          messageguid: null,
          error: { kind: 'send', message: 'The message could not be sent.' },
        })}
        onRetry={onRetry}
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe('The message could not be sent.');
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledWith('local-1');
  });

  it('offers Retry on failed and cancelled replies, not on finished ones', () => {
    const { rerender } = render(<ChatTurn message={turn({ status: 'error', stream: finished })} onRetry={() => {}} />);
    expect(screen.queryByRole('button', { name: 'Retry' })).not.toBeNull();
    rerender(<ChatTurn message={turn({ status: 'cancelled', stream: finished })} onRetry={() => {}} />);
    expect(screen.queryByRole('button', { name: 'Retry' })).not.toBeNull();
    rerender(<ChatTurn message={turn({ status: 'done', stream: finished })} onRetry={() => {}} />);
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('lists sent files; a stored one links to its URL in a new tab, safely', () => {
    render(
      <ChatTurn
        message={turn({
          stream: finished,
          attachments: [
            { name: 'report.pdf', type: 'application/pdf', size: 10, url: 'https://cdn.example/report.pdf' },
            { name: 'evil.txt', type: 'text/plain', size: 1, url: 'javascript:alert(1)' },
          ],
        })}
      />,
    );
    const link = screen.getByRole('link', { name: /report\.pdf/ });
    expect(link.getAttribute('href')).toBe('https://cdn.example/report.pdf');
    expect(link.getAttribute('rel')).toContain('noopener');
    expect(screen.getByText('evil.txt').closest('a')).toBeNull();
  });

  it('unstyled leaves no kit class names', () => {
    const { container } = render(<ChatTurn message={turn({ stream: finished })} unstyled />);
    expect(container.querySelector('[class*="wiro-"]')).toBeNull();
  });
});

describe('ErrorBanner', () => {
  it('announces the error and can be dismissed', async () => {
    const onDismiss = vi.fn();
    render(
      <ErrorBanner
        error={{ kind: 'history', message: 'The conversation could not be loaded.' }}
        onDismiss={onDismiss}
      />,
    );
    expect(screen.getByRole('alert').textContent).toContain('The conversation could not be loaded.');
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(onDismiss).toHaveBeenCalledTimes(1);
  });

  it('renders nothing without an error', () => {
    const { container } = render(<ErrorBanner error={null} />);
    expect(container.innerHTML).toBe('');
  });
});

describe('EmptyState', () => {
  it('sends a suggestion in one click', async () => {
    const onSuggestion = vi.fn();
    render(<EmptyState suggestions={['Summarise my week', 'Plan a trip']} onSuggestion={onSuggestion} />);
    expect(screen.queryByText('How can I help?')).not.toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Plan a trip' }));
    expect(onSuggestion).toHaveBeenCalledWith('Plan a trip');
  });
});

describe('connectionIndicatorState', () => {
  const base = { attempt: 0, lastError: null, nextRetryAt: null };
  it('names every socket state, polling first', () => {
    expect(connectionIndicatorState({ ...base, status: 'open' }, false)).toBe('connected');
    expect(connectionIndicatorState({ ...base, status: 'connecting' }, false)).toBe('connecting');
    expect(connectionIndicatorState({ ...base, status: 'reconnecting', attempt: 1 }, false)).toBe('reconnecting');
    expect(connectionIndicatorState({ ...base, status: 'closed', lastError: 'refused' }, false)).toBe('offline');
    expect(connectionIndicatorState({ ...base, status: 'closed', lastError: 'refused' }, true)).toBe('polling');
  });

  it('says nothing while the socket is idle or closed cleanly after its last reply', () => {
    expect(connectionIndicatorState({ ...base, status: 'idle' }, false)).toBeNull();
    expect(connectionIndicatorState({ ...base, status: 'closed' }, false)).toBeNull();
  });
});
