/**
 * The incremental highlighting session: while a code block grows, every line is tokenized once, in
 * order, each batch continuing from the state the previous one ended in.
 */
import { describe, expect, it } from 'vitest';
import type { Tokenizer } from '../../src/highlight/loader';
import { HighlightSession } from '../../src/highlight/session';

/** A tokenizer that makes one token per line and records what it was asked to tokenize. */
function countingTokenizer(): { tokenizer: Tokenizer; lines: string[]; states: unknown[] } {
  const lines: string[] = [];
  const states: unknown[] = [];
  const tokenizer: Tokenizer = {
    tokenize(code, state) {
      const split = code.split('\n');
      lines.push(...split);
      states.push(state);
      return {
        tokens: split.map((content, k) => (content === '' ? [] : [{ content, offset: k, color: 'red' }])),
        state: { after: split[split.length - 1] } as never,
      };
    },
  };
  return { tokenizer, lines, states };
}

const codeLines = Array.from({ length: 120 }, (_, i) => `line ${i} of the code`);

describe('HighlightSession', () => {
  it('tokenizes each line once while the block grows line by line', () => {
    const { tokenizer, lines } = countingTokenizer();
    const session = new HighlightSession();
    let previous = session.update(tokenizer, 'k', [], 0, 100);
    for (let n = 1; n <= codeLines.length; n++) {
      const shown = codeLines.slice(0, n);
      // The last line is still being written: only the ones before it are final.
      const tokens = session.update(tokenizer, 'k', shown, n - 1, 100);
      expect(tokens).toHaveLength(n - 1);
      // Lines tokenized before keep their arrays (so their components do not re-render).
      for (let k = 0; k < previous.length; k++) expect(tokens[k]).toBe(previous[k]);
      previous = tokens;
    }
    session.update(tokenizer, 'k', codeLines, codeLines.length, 100);
    expect(lines).toEqual(codeLines);
  });

  it('continues each batch from the grammar state the previous batch ended in', () => {
    const { tokenizer, states } = countingTokenizer();
    const session = new HighlightSession();
    session.update(tokenizer, 'k', codeLines.slice(0, 3), 3, 100);
    session.update(tokenizer, 'k', codeLines.slice(0, 5), 5, 100);
    expect(states).toEqual([undefined, { after: codeLines[2] }]);
  });

  it('starts over when earlier lines changed, and reuses a finished block it has seen', () => {
    const { tokenizer, lines } = countingTokenizer();
    const session = new HighlightSession();
    session.update(tokenizer, 'k', ['a', 'b'], 2, 100);
    const rewritten = session.update(tokenizer, 'k', ['x', 'b', 'c'], 3, 100);
    expect(rewritten.map((line) => line[0]?.content)).toEqual(['x', 'b', 'c']);
    expect(lines).toEqual(['a', 'b', 'x', 'b', 'c']);
    // Another session (a remount) showing the same finished block tokenizes nothing.
    const again = new HighlightSession().update(tokenizer, 'k', ['x', 'b', 'c'], 3, 100);
    expect(again).toBe(rewritten);
    expect(lines).toHaveLength(5);
  });

  it('stops when its time budget is spent and goes on in the next update', () => {
    const { tokenizer, lines } = countingTokenizer();
    const session = new HighlightSession();
    expect(session.update(tokenizer, 'budget', codeLines, codeLines.length, 0)).toHaveLength(0);
    expect(session.update(tokenizer, 'budget', codeLines, codeLines.length, 100)).toHaveLength(codeLines.length);
    expect(lines).toEqual(codeLines);
  });
});
