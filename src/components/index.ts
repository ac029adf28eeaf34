/**
 * Prebuilt components: the agent reply, its thinking blocks and metrics, and the streaming
 * markdown engine they use. Styles: `wiro-agent-react/styles.css`.
 * @packageDocumentation
 */
export { AgentMessage, agentMessageStatus } from './AgentMessage';
export type { AgentMessageProps, AgentMessageStatus } from './AgentMessage';
export { ThinkingBlock } from './ThinkingBlock';
export type { ThinkingBlockProps } from './ThinkingBlock';
export { StreamMetrics } from './StreamMetrics';
export type { StreamMetricsProps } from './StreamMetrics';
export { CopyButton } from './CopyButton';
export type { CopyButtonProps } from './CopyButton';
export { copyToClipboard } from './clipboard';
export type { CopyHandler, CopyKind } from './kit';
export { defaultLabels } from './labels';
export type { AgentMessageLabels } from './labels';
export { StreamingMarkdown } from './markdown/StreamingMarkdown';
export type { StreamingMarkdownProps } from './markdown/StreamingMarkdown';
export { defaultMarkdownComponents } from './markdown/slots';
export { safeUrlTransform } from './markdown/url';
export { splitMarkdownBlocks, createBlockSplitter } from './markdown/blocks';
export type { MarkdownBlock, MarkdownBlockKind } from './markdown/blocks';
export { healMarkdown, healMarkdownTail } from './markdown/heal';
