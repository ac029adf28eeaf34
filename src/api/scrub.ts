/** What replaces a credential wherever it would otherwise be shown. */
export const REDACTED = '[redacted]';

/**
 * Build a function that removes every occurrence of the given secrets from a string: as written, as
 * escaped inside a JSON string, and URL-encoded (the forms in which a server might echo one back).
 */
export function createScrubber(secrets: readonly (string | undefined)[]): (text: string) => string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret === undefined || secret === '') continue;
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(encodeURIComponent(secret));
  }
  // Longest first, so a form that contains another is replaced whole.
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const form of ordered) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return out;
  };
}
