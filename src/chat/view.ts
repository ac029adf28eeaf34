/**
 * The conversation as it is shown: of each group of versions (`regenerate`, `edit`) only the chosen
 * turn, and every turn carrying its versions and rating. The state keeps every turn Wiro stored, in
 * order; this is a view of it.
 * @packageDocumentation
 */
import type { ChatState } from './state.js';
import type { ChatFeedback, ChatMessage } from './types.js';

interface Decorated {
  ids: readonly string[] | undefined;
  index: number;
  feedback: ChatFeedback | undefined;
  turn: ChatMessage;
}

/**
 * A shown turn keeps its identity while neither it nor its decoration changed, so memoised rows only
 * re-render for their own changes.
 */
const decorated = /* @__PURE__ */ new WeakMap<ChatMessage, Decorated>();

/** The turns to show, oldest first. The state's own list when nothing is hidden or decorated. */
export function visibleTurns(state: Pick<ChatState, 'turns' | 'versions' | 'feedback'>): readonly ChatMessage[] {
  const { turns, versions, feedback } = state;
  if (versions.size === 0 && feedback.size === 0) return turns;
  const hidden = new Set<string>();
  const position = new Map<string, Position>();
  for (const group of versions.values()) {
    group.ids.forEach((id, index) => {
      if (id === group.shown) position.set(id, { index, ids: group.ids });
      else hidden.add(id);
    });
  }
  const shown: ChatMessage[] = [];
  for (const turn of turns) {
    if (hidden.has(turn.id)) continue;
    const at = position.get(turn.id);
    const rating = turn.messageguid !== null ? feedback.get(turn.messageguid) : undefined;
    shown.push(at === undefined && rating === undefined ? turn : decorate(turn, at, rating));
  }
  return shown;
}

interface Position {
  index: number;
  ids: readonly string[];
}

function decorate(turn: ChatMessage, at: Position | undefined, rating: ChatFeedback | undefined): ChatMessage {
  const index = at?.index ?? -1;
  const ids = at?.ids;
  const cached = decorated.get(turn);
  if (cached && cached.index === index && cached.ids === ids && cached.feedback === rating) return cached.turn;
  const copy: ChatMessage = { ...turn };
  if (at !== undefined) copy.versions = { index, count: at.ids.length, ids: at.ids };
  if (rating !== undefined) copy.feedback = rating;
  decorated.set(turn, { ids, index, feedback: rating, turn: copy });
  return copy;
}

/**
 * The key of a turn's row: the first version's id for every version of a turn, so switching versions
 * updates the row in place (focus stays on the switcher) instead of replacing it.
 */
export function rowKey(turn: ChatMessage): string {
  return turn.versions?.ids[0] ?? turn.id;
}
