/**
 * Which files may be attached: the HTML `accept` syntax, a size limit per file and a number of files.
 * Pure: no React, no DOM beyond reading `File` fields.
 * @packageDocumentation
 */

/** Limits on what can be attached. Unset (or not a positive number) means no limit. */
export interface AttachmentLimits {
  /**
   * Accepted types, as the file input's `accept`: comma-separated MIME types (`image/png`), type
   * families (`image/*`) and extensions (`.pdf`). Default: any file.
   */
  accept?: string;
  /** Largest file, in bytes. */
  maxFileBytes?: number;
  /** Most files attached to one message. */
  maxFiles?: number;
}

/** Why a file was not attached. Carries what the message needs, so it can be said in any language. */
export type FileRejection =
  | { reason: 'type'; name: string; type: string; accept: string }
  | { reason: 'size'; name: string; size: number; maxFileBytes: number }
  /** Files left out because `maxFiles` were already attached. */
  | { reason: 'count'; names: string[]; maxFiles: number };

/** What {@link validateFiles} decided. */
export interface FileValidation {
  accepted: File[];
  rejected: FileRejection[];
}

/**
 * `true` when `file` matches `accept` (the file input's syntax). Extensions are compared with the end
 * of the name, case-insensitively; MIME types case-insensitively, with `type/*` matching a family. A
 * file whose type the browser does not know (`""`) matches only by extension. An empty or blank
 * `accept` accepts everything.
 */
export function matchesAccept(file: Pick<File, 'name' | 'type'>, accept: string | undefined): boolean {
  const tokens = (accept ?? '')
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .filter((token) => token !== '');
  if (tokens.length === 0) return true;
  const name = (file.name ?? '').toLowerCase();
  const type = (file.type ?? '').toLowerCase().split(';')[0]?.trim() ?? '';
  return tokens.some((token) => {
    if (token.startsWith('.')) return name.endsWith(token);
    if (type === '') return false;
    if (token.endsWith('/*')) return type.startsWith(token.slice(0, -1));
    return type === token;
  });
}

/**
 * Sort `incoming` files into accepted and rejected ones, given `alreadyAttached` files: a file of a
 * type `accept` does not list, or larger than `maxFileBytes`, is rejected with its reason; accepted
 * files beyond `maxFiles` are left out together, as one `count` rejection. Order is kept.
 */
export function validateFiles(
  incoming: readonly File[],
  limits: AttachmentLimits,
  alreadyAttached = 0,
): FileValidation {
  const maxBytes = positive(limits.maxFileBytes);
  const maxFiles = positive(limits.maxFiles);
  const accept = limits.accept ?? '';
  const accepted: File[] = [];
  const rejected: FileRejection[] = [];
  const overflow: string[] = [];
  for (const file of incoming) {
    const name = typeof file.name === 'string' && file.name !== '' ? file.name : 'file';
    if (!matchesAccept(file, accept)) {
      rejected.push({ reason: 'type', name, type: file.type ?? '', accept });
    } else if (maxBytes !== null && file.size > maxBytes) {
      rejected.push({ reason: 'size', name, size: file.size, maxFileBytes: maxBytes });
    } else if (maxFiles !== null && alreadyAttached + accepted.length >= maxFiles) {
      overflow.push(name);
    } else {
      accepted.push(file);
    }
  }
  if (overflow.length > 0 && maxFiles !== null) rejected.push({ reason: 'count', names: overflow, maxFiles });
  return { accepted, rejected };
}

function positive(value: number | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}
