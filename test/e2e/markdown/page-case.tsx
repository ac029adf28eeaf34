/** The set-ups of the markdown end-to-end page, rendered in the browser and (`ssr`) on the server. */
import { useState, type ReactElement } from 'react';
import { AgentMessage, StreamingMarkdown } from 'wiro-agent-react';
import { codeHighlight } from 'wiro-agent-react/highlight';
import { math } from 'wiro-agent-react/math';
import { CODE, DUAL, RTL_CHAT, richStream } from './content';

const KIT = [codeHighlight(), math()];
const DUAL_THEMES = [codeHighlight({ themes: { light: 'github-light', dark: 'github-dark' } })];

/** Every set-up the test opens. */
export function Case({ name }: { name: string }): ReactElement {
  switch (name) {
    case 'code':
      return <StreamingMarkdown plugins={KIT}>{CODE}</StreamingMarkdown>;
    case 'dual':
      return <StreamingMarkdown plugins={DUAL_THEMES}>{DUAL}</StreamingMarkdown>;
    case 'rtl':
      return <RtlChat />;
    case 'ssr':
      return <AgentMessage stream={richStream()} plugins={KIT} />;
    default:
      return <AgentMessage stream={richStream()} plugins={KIT} />;
  }
}

/** A right-to-left chat, laid out as AgentChat lays out its turns (its own classes, no network). */
function RtlChat(): ReactElement {
  const [answer] = useState(RTL_CHAT.answer);
  return (
    <div className="wiro-chat" style={{ height: 500, width: 600 }}>
      <div className="wiro-chat-content">
        <article className="wiro-chat-turn">
          <section className="wiro-chat-user" aria-label="You">
            <div className="wiro-chat-bubble">{RTL_CHAT.question}</div>
          </section>
          <section className="wiro-chat-agent" aria-label="Agent">
            <AgentMessage stream={richStream(answer)} plugins={KIT} />
          </section>
        </article>
      </div>
    </div>
  );
}
