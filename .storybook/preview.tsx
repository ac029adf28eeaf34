import type { Decorator, Preview } from '@storybook/react-vite';
import 'wiro-agent-react/styles.css';
import { agentMockLoader } from './agent-mocks';

/**
 * Frames every story in the kit's theme (toolbar: light / dark) and, when the story asks for it, a fixed
 * width (`parameters.frame.width`, e.g. 360 for a phone) or height (`parameters.frame.height`, chats).
 */
const withFrame: Decorator = (Story, context) => {
  const theme = context.globals.theme === 'dark' ? 'dark' : 'light';
  const frame = (context.parameters.frame ?? {}) as { width?: number; height?: number };
  return (
    <div
      data-theme={theme}
      style={{
        background: 'var(--wiro-bg)',
        color: 'var(--wiro-fg)',
        padding: 16,
        boxSizing: 'border-box',
        width: frame.width ?? '100%',
        maxWidth: '100%',
        height: frame.height,
        outline: frame.width !== undefined ? '1px dashed var(--wiro-border)' : undefined,
      }}
    >
      <Story />
    </div>
  );
};

const preview: Preview = {
  tags: ['autodocs'],
  loaders: [agentMockLoader],
  decorators: [withFrame],
  globalTypes: {
    theme: {
      description: 'Colour theme of the kit',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light' },
  parameters: {
    layout: 'fullscreen',
    controls: { expanded: true },
  },
};

export default preview;
