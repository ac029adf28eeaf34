'use client';

import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type ChangeEvent,
  type FormEvent,
  type KeyboardEvent,
  type ReactElement,
} from 'react';
import { kitClass, rootClass } from '../kit.js';
import { AttachIcon, CloseIcon, IconButton, SendIcon, StopIcon } from './icons.js';
import { defaultChatLabels, type AgentChatLabels } from './labels.js';

// Layout effects warn during server rendering in React 18; sizing only matters in a browser.
const useBrowserLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

/** Props of {@link Composer}. */
export interface ComposerProps {
  /** Called with the text and files when the user sends. The composer clears itself and keeps focus. */
  onSend: (text: string, files: File[]) => void;
  /** Called by the Stop button, shown while `streaming`. */
  onStop?: () => void;
  /** A reply is running: show the Stop button. */
  streaming?: boolean;
  /** Disable the text box and buttons. */
  disabled?: boolean;
  /** Offer a file picker. Default `true`. */
  allowAttachments?: boolean;
  /** The file input's `accept` (e.g. `"image/*,.pdf"`). */
  accept?: string;
  /** Focus the text box on mount. Default `false`. */
  autoFocus?: boolean;
  className?: string;
  unstyled?: boolean;
  labels?: AgentChatLabels;
}

/**
 * The message box: Enter sends, Shift+Enter starts a new line, and Enter while an input method is
 * composing (Japanese, Chinese, Korean…) only confirms the composition. Files are picked with a
 * button and shown as removable chips. Send is disabled while there is nothing to send.
 */
export function Composer(props: ComposerProps): ReactElement {
  const labels = props.labels ?? defaultChatLabels;
  const unstyled = props.unstyled ?? false;
  const allowAttachments = props.allowAttachments ?? true;
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const textareaRef = useRef<HTMLTextAreaElement | null>(null);
  const fileInputRef = useRef<HTMLInputElement | null>(null);
  /** Set between compositionstart and compositionend: some browsers report `isComposing` late. */
  const composing = useRef(false);

  // Grow with the text up to the stylesheet's max-height (browsers without `field-sizing: content`).
  useBrowserLayoutEffect(() => {
    const el = textareaRef.current;
    if (!el || unstyled) return;
    el.style.height = 'auto';
    if (el.scrollHeight > 0) el.style.height = `${el.scrollHeight}px`;
  }, [text, unstyled]);

  const empty = text.trim() === '' && files.length === 0;
  const disabled = props.disabled ?? false;

  const submit = useCallback(() => {
    if (disabled || (text.trim() === '' && files.length === 0)) return;
    props.onSend(text, files);
    setText('');
    setFiles([]);
    textareaRef.current?.focus();
  }, [disabled, text, files, props]);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key !== 'Enter' || event.shiftKey) return;
    // keyCode 229 is what browsers report for keys an input method is handling.
    if (composing.current || event.nativeEvent.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    submit();
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    submit();
  };

  const onPick = (event: ChangeEvent<HTMLInputElement>): void => {
    const picked = event.target.files ? Array.from(event.target.files) : [];
    if (picked.length > 0) setFiles((current) => [...current, ...picked]);
    // Let the same file be picked again after it was removed.
    event.target.value = '';
    textareaRef.current?.focus();
  };

  const remove = (index: number): void => {
    setFiles((current) => current.filter((_, i) => i !== index));
    textareaRef.current?.focus();
  };

  return (
    <form className={rootClass(unstyled, 'wiro-chat-composer', props.className)} onSubmit={onSubmit}>
      {files.length > 0 ? (
        <ul className={kitClass(unstyled, 'wiro-chat-chips')} aria-label={labels.attach}>
          {files.map((file, index) => (
            <li key={`${file.name}-${index}`} className={kitClass(unstyled, 'wiro-chat-chip')}>
              <span className={kitClass(unstyled, 'wiro-chat-chip-name')}>{file.name}</span>
              <span className={kitClass(unstyled, 'wiro-chat-chip-size')}>{labels.fileSize(file.size)}</span>
              <button
                type="button"
                className={kitClass(unstyled, 'wiro-chat-chip-remove')}
                aria-label={labels.removeAttachment(file.name)}
                onClick={() => remove(index)}
              >
                <CloseIcon />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className={kitClass(unstyled, 'wiro-chat-composer-row')}>
        {allowAttachments ? (
          <>
            <IconButton
              label={labels.attach}
              icon={<AttachIcon />}
              unstyled={unstyled}
              disabled={disabled}
              onClick={() => fileInputRef.current?.click()}
            />
            <input
              ref={fileInputRef}
              type="file"
              multiple
              accept={props.accept}
              hidden
              tabIndex={-1}
              aria-hidden="true"
              onChange={onPick}
              data-testid="wiro-chat-file-input"
            />
          </>
        ) : null}
        <textarea
          ref={textareaRef}
          className={kitClass(unstyled, 'wiro-chat-input')}
          rows={1}
          value={text}
          placeholder={labels.placeholder}
          aria-label={labels.placeholder}
          disabled={disabled}
          autoFocus={props.autoFocus}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          onCompositionStart={() => {
            composing.current = true;
          }}
          onCompositionEnd={() => {
            composing.current = false;
          }}
        />
        {props.streaming && props.onStop ? (
          <IconButton
            label={labels.stop}
            icon={<StopIcon />}
            unstyled={unstyled}
            variant="wiro-chat-stop"
            onClick={props.onStop}
          />
        ) : null}
        <IconButton
          type="submit"
          label={labels.send}
          icon={<SendIcon />}
          unstyled={unstyled}
          variant="wiro-chat-send"
          disabled={disabled || empty}
        />
      </div>
    </form>
  );
}
