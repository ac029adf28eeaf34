/** What the markdown end-to-end page shows (shared with the server render of the same page). */
import { createStream, type AgentStream } from 'wiro-agent-react/core';

export const CODE =
  '```ts\n// a comment\nconst answer: number = 42;\nexport function f() {\n  return "text";\n}\n```\n';

export const DUAL = '```ts\nconst answer: number = 42; // the answer\n```\n';

export const RICH = [
  'Code:',
  '',
  '```python',
  'def area(r: float) -> float:',
  '    return 3.14159 * r ** 2  # circle',
  '```',
  '',
  'Math: $$\\int_0^1 x^2\\,dx = \\frac{1}{3}$$',
  '',
  '$$',
  'e^{i\\pi} + 1 = 0',
  '$$',
].join('\n');

export const RTL_CHAT = {
  question: 'كيف أبدأ؟',
  answer: [
    'ابدأ بتثبيت الحزمة ثم أضف المكوّن إلى صفحتك.',
    '',
    '- الخطوة الأولى: التثبيت',
    '- الخطوة الثانية: الإعداد',
    '',
    '> ملاحظة: المفتاح يبقى على الخادم.',
    '',
    '```sh',
    'npm install wiro-agent-react',
    '```',
  ].join('\n'),
};

/** A finished reply showing `answer`. */
export function richStream(answer: string = RICH): AgentStream {
  return {
    ...createStream('e2e-token'),
    status: 'agent_end',
    answer,
    segments: [{ kind: 'answer', text: answer }],
    isDone: true,
  };
}
