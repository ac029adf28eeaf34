import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { CopyButton, defaultLabels } from 'wiro-agent-react';

/**
 * The copy button of answers and code blocks, for your own layouts: copies, then says "Copied" for two
 * seconds and announces it to screen readers (or "Copy failed" when the browser refuses the clipboard).
 */
const meta = {
  title: 'Components/CopyButton',
  component: CopyButton,
  args: { text: 'The capital of France is Paris.', kind: 'answer', unstyled: false, onCopy: fn() },
  argTypes: { kind: { control: 'inline-radio', options: ['answer', 'code'] } },
} satisfies Meta<typeof CopyButton>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Click it: the label turns to "Copied" (and `onCopy` gets the text), or the failure is announced. */
export const CopyAnswer: Story = {
  name: 'Copy answer',
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const button = canvas.getByRole('button', { name: defaultLabels.copyAnswer });
    await userEvent.click(button);
    // Headless browsers may refuse the clipboard: either way the user is told what happened.
    await waitFor(() => expect(button).not.toHaveAttribute('data-state', 'idle'));
    if (button.getAttribute('data-state') === 'copied') {
      await expect(button).toHaveTextContent(defaultLabels.copied);
      await expect(args.onCopy).toHaveBeenCalledWith('The capital of France is Paris.', 'answer');
    } else {
      await expect(canvas.getByRole('status')).toHaveTextContent(defaultLabels.copyFailed);
      await expect(args.onCopy).not.toHaveBeenCalled();
    }
  },
};

/** The code-block variant (label "Copy code"). */
export const CopyCode: Story = {
  name: 'Copy code',
  args: { kind: 'code', text: "const api = createAgentApi({ baseUrl: '/api/wiro' });" },
};

/** With your own label. */
export const CustomLabel: Story = {
  name: 'Custom label',
  args: { label: 'Copy reply' },
};
