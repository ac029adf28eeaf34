/**
 * The files an agent's answer links to (generated images on Wiro's CDN, audio, video, documents), found
 * in its Markdown, for `<AgentMessage linkPreviews>`. Framework-free.
 * @packageDocumentation
 */
import { outputFile } from '../../protocol/task-decode.js';
import type { TaskOutputFile } from '../../protocol/task-types.js';

/** Absolute http(s) URLs, up to whitespace or a character that ends a Markdown link or an HTML attribute. */
const URL = /https?:\/\/[^\s<>"'`()[\]{}]+/g;
/** Markdown image targets (`![alt](url)`): those are shown inline by the Markdown already. */
const IMAGE_TARGET = /!\[[^\]\n]*\]\(\s*<?(https?:\/\/[^\s<>)]+)/g;
/** Fenced code blocks (closed, or open to the end while streaming) and inline code spans. */
const CODE = /(^|\n) {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:\n {0,3}\2[`~]*[ \t]*(?=\n|$)|$)|`[^`\n]*`/g;
/** Punctuation that ends a sentence after a bare URL, not part of it. */
const TRAILING = /[.,;:!?*_~]+$/;

/** Extensions worth a preview or a download link; anything else (web pages, APIs) stays a plain link. */
const FILE_EXTENSIONS: ReadonlySet<string> = /* @__PURE__ */ new Set([
  'png',
  'jpg',
  'jpeg',
  'webp',
  'gif',
  'avif',
  'bmp',
  'svg',
  'mp4',
  'm4v',
  'webm',
  'mov',
  'mp3',
  'wav',
  'ogg',
  'oga',
  'flac',
  'm4a',
  'aac',
  'pdf',
  'zip',
  'glb',
  'gltf',
  'obj',
  'csv',
  'txt',
  'json',
]);

/**
 * The files `markdown` links to, in order of first appearance, each once: absolute http(s) URLs whose
 * path ends in a file extension ({@link FILE_EXTENSIONS}), in links or bare. URLs in code, and images the
 * Markdown already shows (`![…](url)`), are left out. With `complete: false` (the text is still
 * streaming) a URL that runs to the end of the text is left out too: it may not be whole yet.
 *
 * URLs are returned as written: the caller applies its URL policy before using them.
 */
export function linkedFiles(markdown: string, complete: boolean): TaskOutputFile[] {
  if (!markdown.includes('://')) return [];
  const text = markdown.replace(CODE, (match) => ' '.repeat(match.length));
  const inline = new Set<string>();
  for (const match of text.matchAll(IMAGE_TARGET)) inline.add(trimUrl(match[1] as string));
  const files: TaskOutputFile[] = [];
  const seen = new Set<string>();
  for (const match of text.matchAll(URL)) {
    const url = trimUrl(match[0]);
    const end = (match.index ?? 0) + match[0].length;
    if (!complete && end >= text.length) continue;
    if (seen.has(url) || inline.has(url) || !hasFileExtension(url)) continue;
    seen.add(url);
    const file = outputFile({ url });
    if (file !== null) files.push(file);
  }
  return files;
}

function trimUrl(url: string): string {
  return url.replace(TRAILING, '');
}

function hasFileExtension(url: string): boolean {
  let path: string;
  try {
    path = new globalThis.URL(url).pathname;
  } catch {
    return false;
  }
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return false;
  return FILE_EXTENSIONS.has(name.slice(dot + 1).toLowerCase());
}
