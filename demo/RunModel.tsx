import { useId, useState, type FormEvent, type ReactElement, type ReactNode } from 'react';
import { AgentSocketProvider, TaskOutputs, TaskProgress, useRunModel, type UseRunModelOptions } from 'wiro-agent-react';
import type { DemoConfig } from './config';

/** `?run`: the "Run a model" page. */
export function isRunModelPage(): boolean {
  return new URLSearchParams(window.location.search).has('run');
}

/**
 * The chat and two model runs side by side, under ONE provider: the agent's replies and the runs'
 * progress and text all stream over the same WebSocket. The socket gets the REST client too, so a run
 * interrupted by a reconnect is recovered through Task/Detail.
 */
export function RunModelPage({
  config,
  api,
  children,
}: {
  config: DemoConfig;
  api: UseRunModelOptions['api'];
  /** The chat shown beside the runs. */
  children: ReactNode;
}): ReactElement {
  const [options] = useState(() => ({ api }));
  const models = config.models;
  return (
    <AgentSocketProvider url={config.socketUrl} options={options}>
      <div className="demo-run-page">
        <div className="demo-run-chat">{children}</div>
        <section className="demo-run-models" aria-labelledby="demo-run-title">
          <h2 id="demo-run-title">Run a model</h2>
          {models === null ? (
            <p className="demo-note">
              Set <code>WIRO_DEMO_IMAGE_MODEL</code> and <code>WIRO_DEMO_LLM_MODEL</code> (as <code>owner/model</code>)
              to run models against the real service.
            </p>
          ) : (
            <>
              <ModelPanel
                api={api}
                model={models.image}
                title="Image"
                defaultPrompt="a lighthouse at dusk, oil on canvas"
              />
              <ModelPanel api={api} model={models.llm} title="LLM" defaultPrompt="Explain qubits in two sentences" />
            </>
          )}
        </section>
      </div>
    </AgentSocketProvider>
  );
}

/** One model: a prompt, Run, the run's progress (with Cancel or Stop) and its outputs. */
function ModelPanel({
  api,
  model,
  title,
  defaultPrompt,
}: {
  api: UseRunModelOptions['api'];
  model: string;
  title: string;
  defaultPrompt: string;
}): ReactElement {
  const { run, task, tasktoken, cancel, status, error } = useRunModel({ api, model });
  const [prompt, setPrompt] = useState(defaultPrompt);
  const id = useId();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void run({ prompt });
  };
  return (
    <article className="demo-run-panel" aria-labelledby={`${id}-title`} data-model={model} data-status={status}>
      <h3 id={`${id}-title`}>
        {title} <code>{model}</code>
      </h3>
      <form onSubmit={submit} className="demo-run-form">
        <label htmlFor={`${id}-prompt`}>Prompt</label>
        <input id={`${id}-prompt`} value={prompt} onChange={(event) => setPrompt(event.target.value)} />
        <button type="submit" disabled={status === 'starting'}>
          Run
        </button>
      </form>
      {error !== null ? (
        <p role="alert" className="demo-note">
          {error.message}
        </p>
      ) : null}
      {tasktoken !== null ? (
        <>
          <TaskProgress task={task} onCancel={() => cancel()} />
          <TaskOutputs task={task} />
        </>
      ) : null}
    </article>
  );
}
