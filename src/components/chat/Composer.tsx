'use client';

import {
  useCallback,
  useRef,
  useState,
  type ChangeEvent,
  type FormEvent,
  type KeyboardEvent,
  type ReactElement,
} from 'react';
import { AttachmentErrors } from '../attachments/AttachmentErrors.js';
import { AttachmentPreviews } from '../attachments/AttachmentPreviews.js';
import type { AttachmentLabels } from '../attachments/labels.js';
import { useAttachments, type UseAttachmentsResult } from '../attachments/use-attachments.js';
import { usePasteFiles } from '../attachments/use-paste-files.js';
import { kitClass, rootClass } from '../kit.js';
import { AttachIcon, IconButton, SendIcon, StopIcon } from './icons.js';
import { defaultChatLabels, type AgentChatLabels } from './labels.js';
import { useBrowserLayoutEffect } from '../../react/use-browser-layout-effect.js';

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
  /** Offer a file picker, and take pasted images. Default `true`. */
  allowAttachments?: boolean;
  /** Accepted file types, as the file input's `accept` (e.g. `"image/*,.pdf"`); others are refused with a note. */
  accept?: string;
  /** Largest file, in bytes; larger ones are refused with a note. */
  maxFileBytes?: number;
  /** Most files on one message; files beyond it are refused with a note. */
  maxFiles?: number;
  /**
   * The files to send, when they are kept above the composer (e.g. so files dropped on the thread land
   * here): `useAttachments()`. By default the composer keeps its own.
   */
  attachments?: UseAttachmentsResult;
  /**
   * Up arrow in an empty text box: edit the last message. Return `true` when it did (the key is then
   * taken), `false` to leave the key to the text box.
   */
  onEditLast?: () => boolean;
  /** Focus the text box whenever this value changes (e.g. after an edit was sent or left). */
  focusKey?: unknown;
  /** Focus the text box on mount. Default `false`. */
  autoFocus?: boolean;
  className?: string;
  unstyled?: boolean;
  labels?: AgentChatLabels;
  /** Strings of the file previews and refusals (translation). */
  attachmentLabels?: Partial<AttachmentLabels>;
}

/**
 * The message box: Enter sends, Shift+Enter starts a new line, and Enter while an input method is
 * composing (Japanese, Chinese, Korean…) only confirms the composition; Up in an empty box edits the
 * last message (`onEditLast`). Files come from the picker or are pasted (images), are checked against
 * `accept`, `maxFileBytes` and `maxFiles` (refusals are said inline), and are shown before sending,
 * images as thumbnails, each with a remove button. Send is disabled while there is nothing to send.
 */
export function Composer(props: ComposerProps): ReactElement {
  const labels = props.labels ?? defaultChatLabels;
  const unstyled = props.unstyled ?? false;
  const allowAttachments = props.allowAttachments ?? true;
  const [text, setText] = useState('');
  const own = useAttachments({ accept: props.accept, maxFileBytes: props.maxFileBytes, maxFiles: props.maxFiles });
  const attachments = props.attachments ?? own;
  const { files } = attachments;
  const textareaRef = useRef<HTMLTextAreaElement | null>(null);
  const fileInputRef = useRef<HTMLInputElement | null>(null);
  /** Set between compositionstart and compositionend: some browsers report `isComposing` late. */
  const composing = useRef(false);
  const onPaste = usePasteFiles({ onFiles: attachments.add, disabled: !allowAttachments || props.disabled });
  const previewLabels = {
    remove: labels.removeAttachment,
    fileSize: labels.fileSize,
    ...props.attachmentLabels,
  };

  // Grow with the text up to the stylesheet's max-height (browsers without `field-sizing: content`).
  useBrowserLayoutEffect(() => {
    const el = textareaRef.current;
    if (!el || unstyled) return;
    el.style.height = 'auto';
    if (el.scrollHeight > 0) el.style.height = `${el.scrollHeight}px`;
  }, [text, unstyled]);

  const focusKey = useRef(props.focusKey);
  useBrowserLayoutEffect(() => {
    if (Object.is(focusKey.current, props.focusKey)) return;
    focusKey.current = props.focusKey;
    textareaRef.current?.focus();
  }, [props.focusKey]);

  const empty = text.trim() === '' && files.length === 0;
  const disabled = props.disabled ?? false;
  const { onSend } = props;
  const { clear } = attachments;

  const submit = useCallback(() => {
    if (disabled || (text.trim() === '' && files.length === 0)) return;
    onSend(text, [...files]);
    setText('');
    clear();
    textareaRef.current?.focus();
  }, [disabled, text, files, onSend, clear]);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    // keyCode 229 is what browsers report for keys an input method is handling.
    const imeKey = composing.current || event.nativeEvent.isComposing || event.keyCode === 229;
    if (event.key === 'ArrowUp' && !imeKey && text === '' && files.length === 0 && props.onEditLast) {
      if (props.onEditLast()) event.preventDefault();
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey || imeKey) return;
    event.preventDefault();
    submit();
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    submit();
  };

  const onPick = (event: ChangeEvent<HTMLInputElement>): void => {
    const picked = event.target.files ? Array.from(event.target.files) : [];
    if (picked.length > 0) attachments.add(picked);
    // Let the same file be picked again after it was removed.
    event.target.value = '';
    textareaRef.current?.focus();
  };

  return (
    <form className={rootClass(unstyled, 'wiro-chat-composer', props.className)} onSubmit={onSubmit}>
      <AttachmentErrors
        rejections={attachments.rejections}
        onDismiss={attachments.dismissRejections}
        labels={props.attachmentLabels}
        unstyled={unstyled}
      />
      <AttachmentPreviews files={files} onRemove={attachments.remove} labels={previewLabels} unstyled={unstyled} />
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
          dir="auto"
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
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
