import { describe, expect, it } from 'vitest';
import { decodeFrame, isProtocolError } from 'wiro-agent-react/core';
import {
  agentScenario,
  scenarioFrames,
  scenarioRaw,
  type ScenarioStep,
  type WireProgress,
} from 'wiro-agent-react/testing';

const T = 'aB3xK9mR2pLqWzVn7tYhCd5sFgJkNb';

function outputs(steps: ScenarioStep[]): WireProgress[] {
  return steps.flatMap((s) => (s.frame.type === 'agent_output' ? [s.frame.message] : []));
}

describe('agentScenario', () => {
  it('fills in the defaults', () => {
    expect(agentScenario({ text: 'hi' })).toEqual({
      text: 'hi',
      thinking: [],
      chunkChars: 12,
      intervalMs: 40,
      queueMs: 50,
      fail: false,
      errorMessage: 'Agent is temporarily unavailable. Please try again shortly.',
      cancelAt: null,
      dropConnectionAt: null,
      unknown: false,
    });
    expect(agentScenario('just text').text).toBe('just text');
  });

  it('rejects bad options with messages that name them', () => {
    expect(() => agentScenario({ text: 5 as unknown as string })).toThrow(/`text` must be a string/);
    expect(() => agentScenario({ text: 'x', chunkChars: 0 })).toThrow(/chunkChars.*positive integer/);
    expect(() => agentScenario({ text: 'x', intervalMs: -1 })).toThrow(/intervalMs/);
    expect(() => agentScenario({ text: 'x', cancelAt: 1.5 })).toThrow(/cancelAt/);
    expect(() => agentScenario({ text: 'x', fail: 'loud' as 'string' })).toThrow(/fail/);
    expect(() => agentScenario({ text: 'x', thinking: [1] as unknown as string[] })).toThrow(/thinking/);
    expect(() => agentScenario({ text: 'x', thinking: '<think>nested</think>' })).toThrow(/must not contain/);
    expect(() => agentScenario({ text: 'one paragraph', thinking: ['a', 'b'] })).toThrow(/2 thinking blocks.*has 1/);
  });
});

describe('scenarioFrames', () => {
  it('plays start, outputs each carrying the full text so far, then end', () => {
    const scenario = agentScenario({ text: 'Hello, streaming world!', chunkChars: 5, intervalMs: 10, queueMs: 30 });
    const steps = scenarioFrames(T, scenario);
    expect(steps[0]).toEqual({ at: 30, frame: { type: 'agent_start', agenttoken: T, message: '', result: true } });
    const raws = outputs(steps).map((p) => p.raw);
    expect(raws).toEqual(['Hello', 'Hello, str', 'Hello, streamin', 'Hello, streaming wor', 'Hello, streaming world!']);
    expect(steps.map((s) => s.at)).toEqual([30, 40, 50, 60, 70, 80, 90]);
    const end = steps.at(-1)?.frame;
    expect(end?.type).toBe('agent_end');
    expect(end?.type === 'agent_end' && end.message.answer).toEqual(['Hello, streaming world!']);
    for (const step of steps) expect(step.frame.agenttoken).toBe(T);
  });

  it('gives realistic metrics as the wire shows them', () => {
    const steps = scenarioFrames(
      T,
      agentScenario({ text: 'one two three four five six', chunkChars: 100, intervalMs: 400, queueMs: 0 }),
    );
    const first = outputs(steps)[0] as WireProgress;
    expect(first).toMatchObject({
      type: 'progressGenerate',
      task: 'Generate',
      speedType: 'words/s',
      elapsedTime: '0.4s',
      wordCount: 6,
    });
    expect(first.speed).toBe('15.0');
    expect(first.tokenCount).toBeGreaterThan(0);
  });

  it('alternates several thinking blocks with answer parts, paired by index', () => {
    const scenario = agentScenario({
      text: 'First part.\n\nSecond part.',
      thinking: ['Think A', 'Think B'],
      chunkChars: 4,
    });
    expect(scenarioRaw(scenario)).toBe('<think>Think A</think>First part.<think>Think B</think>Second part.');
    const progress = outputs(scenarioFrames(T, scenario));
    const last = progress.at(-1) as WireProgress;
    expect(last.thinking).toEqual(['Think A', 'Think B']);
    expect(last.answer).toEqual(['First part.', 'Second part.']);
    // While inside the first block the model is thinking, and no half tag ever leaks into the arrays.
    expect(progress.some((p) => p.isThinking && p.answer.length === 0)).toBe(true);
    for (const p of progress)
      for (const part of [...p.thinking, ...p.answer]) expect(part).not.toMatch(/<\/?t?h?i?n?k?$/);
  });

  it('cancels after cancelAt characters with the abort reason', () => {
    const steps = scenarioFrames(T, agentScenario({ text: 'x'.repeat(100), chunkChars: 10, cancelAt: 35 }));
    expect(outputs(steps).at(-1)?.raw).toHaveLength(40);
    expect(steps.at(-1)?.frame).toEqual({ type: 'agent_cancel', agenttoken: T, message: 'AbortError', result: false });
  });

  it('marks the output after which connections drop', () => {
    const steps = scenarioFrames(T, agentScenario({ text: 'y'.repeat(50), chunkChars: 10, dropConnectionAt: 25 }));
    const marked = steps.filter((s) => s.dropConnections);
    expect(marked).toHaveLength(1);
    expect(marked[0]?.frame.type === 'agent_output' && marked[0].frame.message.raw).toHaveLength(30);
    expect(steps.at(-1)?.frame.type).toBe('agent_end');
  });

  it('fails with the sanitised sentence or with a progress object', () => {
    const asString = scenarioFrames(T, agentScenario({ text: 'partial', fail: 'string', errorMessage: 'Nope.' })).at(
      -1,
    )?.frame;
    expect(asString).toEqual({ type: 'agent_error', agenttoken: T, message: 'Nope.', result: false });
    const asObject = scenarioFrames(T, agentScenario({ text: '...', fail: 'object' })).at(-1)?.frame;
    expect(asObject?.type).toBe('agent_error');
    expect(asObject?.type === 'agent_error' && typeof asObject.message === 'object' && asObject.message.raw).toBe(
      '...',
    );
    expect(asObject?.result).toBe(false);
  });

  it('has no frames for an unknown token', () => {
    expect(scenarioFrames(T, agentScenario({ text: 'x', unknown: true }))).toEqual([]);
  });

  it("produces frames the kit's decoder accepts", () => {
    const scenario = agentScenario({ text: 'Para one.\n\nPara two.', thinking: ['a', 'b'], chunkChars: 3 });
    for (const step of scenarioFrames(T, scenario)) {
      expect(isProtocolError(decodeFrame(JSON.stringify(step.frame)))).toBe(false);
    }
  });
});
