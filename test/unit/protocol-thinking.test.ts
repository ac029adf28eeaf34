import { describe, expect, it } from 'vitest';
import { redactToken, splitThinking } from 'wiro-agent-react/core';

describe('splitThinking', () => {
  it('returns plain text as one answer block', () => {
    expect(splitThinking('Hello world')).toEqual({
      thinking: [],
      answer: ['Hello world'],
      segments: [{ kind: 'answer', text: 'Hello world' }],
      isThinking: false,
    });
  });

  it('splits a closed think block from the answer', () => {
    const split = splitThinking('<think>Reasoning here</think>\n\nThe answer.');
    expect(split.thinking).toEqual(['Reasoning here']);
    expect(split.answer).toEqual(['The answer.']);
    expect(split.isThinking).toBe(false);
  });

  it('treats an unclosed think block as still thinking', () => {
    const split = splitThinking('<think>Still working');
    expect(split.thinking).toEqual(['Still working']);
    expect(split.answer).toEqual([]);
    expect(split.isThinking).toBe(true);
  });

  it('keeps several alternating blocks in order', () => {
    const split = splitThinking('<think>a</think>b<think>c</think>d');
    expect(split.segments).toEqual([
      { kind: 'thinking', text: 'a' },
      { kind: 'answer', text: 'b' },
      { kind: 'thinking', text: 'c' },
      { kind: 'answer', text: 'd' },
    ]);
    expect(split.isThinking).toBe(false);
  });

  it('keeps answer text that comes before the first think block', () => {
    expect(splitThinking('Intro<think>x</think>Rest').segments.map((s) => s.kind)).toEqual([
      'answer',
      'thinking',
      'answer',
    ]);
  });

  it('treats text before a lone closing tag as thinking (models that omit <think>)', () => {
    const split = splitThinking('pondering</think>Answer');
    expect(split.thinking).toEqual(['pondering']);
    expect(split.answer).toEqual(['Answer']);
  });

  it('holds back a tag cut in half at the end of a chunk', () => {
    expect(splitThinking('Answer <thi').answer).toEqual(['Answer']);
    expect(splitThinking('<think>deep </thi').thinking).toEqual(['deep']);
    expect(splitThinking('<think>deep </thi').isThinking).toBe(true);
    expect(splitThinking('a < b').answer).toEqual(['a < b']);
  });

  it('is thinking with no text yet right after the opening tag', () => {
    const split = splitThinking('<think>');
    expect(split.isThinking).toBe(true);
    expect(split.segments).toEqual([]);
  });
});

describe('redactToken', () => {
  it('never returns a token whole', () => {
    const token = 'aB3xK9mR2pLqWzVn7tYhCd5sFgJkNb';
    expect(redactToken(token)).toBe('aB3x…(30)');
    expect(redactToken('abc')).not.toContain('abc');
    expect(redactToken('')).toBe('<empty>');
    expect(redactToken(undefined)).toBe('<undefined>');
  });
});
