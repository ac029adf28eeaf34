/**
 * Reload resume: the replies still running are remembered in the chat's storage, and shown and
 * followed again on the next mount. The storage format is pending-store.ts's.
 * @packageDocumentation
 */
import { parsePending, serializePending, type ChatStorage, type PendingTurn } from './pending-store.js';
import type { ChatRun } from './run.js';
import { isFinished } from './state.js';
import { startedStream } from './turns.js';

/** Reports a storage failure with a sentence for people. */
type StorageErrorReporter = (error: unknown, message: string) => void;

/**
 * The replies of one session still running, kept in step with the storage. Outlives the runs of its
 * controller: the storage is read once, and writes stay in order across a stop and a start.
 */
export class PendingTurns {
  readonly #key: string;
  #storage: ChatStorage | null = null;
  #storageChosen = false;
  #report: StorageErrorReporter = () => {};
  #list: PendingTurn[] = [];
  #loaded = false;
  #loading: Promise<readonly PendingTurn[]> | null = null;
  #saving: Promise<void> = Promise.resolve();

  constructor(key: string) {
    this.#key = key;
  }

  /**
   * The storage to use (the first call decides: it is read once per session) and where the current run
   * reports failures.
   */
  useStorage(storage: ChatStorage | null, report: StorageErrorReporter): void {
    if (!this.#storageChosen) {
      this.#storage = storage;
      this.#storageChosen = true;
    }
    this.#report = report;
  }

  /**
   * Read the storage (once; later calls get the same answer). Resolves to the entries read, which the
   * caller resumes. Entries remembered meanwhile are kept and written back.
   */
  load(): Promise<readonly PendingTurn[]> {
    this.#loading ??= this.#read();
    return this.#loading;
  }

  /** The entry of a message, if it is still running. */
  find(messageguid: string): PendingTurn | undefined {
    return this.#list.find((entry) => entry.messageguid === messageguid);
  }

  /** Remember a reply that has just started. */
  remember(entry: PendingTurn): void {
    if (this.find(entry.messageguid)) return;
    this.#list = [...this.#list, entry];
    this.#save();
  }

  /** Forget a reply that has finished. */
  forget(messageguid: string): void {
    if (!this.find(messageguid)) return;
    this.#list = this.#list.filter((entry) => entry.messageguid !== messageguid);
    this.#save();
  }

  async #read(): Promise<readonly PendingTurn[]> {
    const storage = this.#storage;
    let raw: string | null | undefined = null;
    if (storage) {
      try {
        raw = await storage.load(this.#key);
      } catch (error) {
        this.#report(error, 'Replies still running before the reload could not be restored.');
      }
    }
    const loaded = parsePending(raw);
    const sentMeanwhile = this.#list;
    this.#list = [
      ...loaded.filter((entry) => !sentMeanwhile.some((sent) => sent.messageguid === entry.messageguid)),
      ...sentMeanwhile,
    ];
    this.#loaded = true;
    if (sentMeanwhile.length > 0) this.#save();
    return loaded;
  }

  /** Write the list, in order (a storage may be asynchronous). Not before it was read. */
  #save(): void {
    const storage = this.#storage;
    if (!storage || !this.#loaded) return;
    const value = serializePending(this.#list);
    this.#saving = this.#saving
      .then(() => storage.save(this.#key, value))
      .catch((error: unknown) => this.#report(error, 'Running replies could not be saved for a reload.'));
  }
}

/** Show a reply that was running before the reload, and follow it again. */
export function resumeTurn(run: ChatRun, entry: PendingTurn): void {
  const socket = run.host.socket;
  const existing = run.findByGuid(entry.messageguid);
  if (existing) {
    // History got there first and showed the row without its token: follow it live now.
    if (existing.agenttoken === null && !isFinished(existing.status) && socket) {
      run.dispatch({ type: 'update', id: existing.id, patch: { agenttoken: entry.agenttoken, stream: null } });
    }
    run.follow(existing.id);
    return;
  }
  run.dispatch({
    type: 'add',
    turn: {
      id: entry.messageguid,
      content: entry.content,
      attachments: entry.attachments ?? [],
      createdAt: entry.createdAt,
      status: 'queued',
      messageguid: entry.messageguid,
      agenttoken: entry.agenttoken,
      stream: socket ? null : startedStream(entry.agenttoken),
      error: null,
      cancelRequested: false,
      origin: 'resumed',
    },
  });
  run.follow(entry.messageguid);
}
