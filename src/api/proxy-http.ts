/**
 * Request/response plumbing of the server proxy: JSON error envelopes and size-capped body reading.
 * @packageDocumentation
 */

/** A refusal or failure the proxy reports to its caller, as `{ result: false, errors: [{ code, message }] }`. */
export class ProxyRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ProxyRefusal';
  }
}

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  // Answers are per user and per message: no shared cache may keep them.
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

/** A JSON response with the proxy's standard headers. */
export function jsonResponse(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { ...JSON_HEADERS, ...headers } });
}

/** The JSON error response of a {@link ProxyRefusal}. */
export function refusalResponse(refusal: ProxyRefusal, headers: Record<string, string> = {}): Response {
  const body = JSON.stringify({ result: false, errors: [{ code: refusal.code, message: refusal.message }] });
  return jsonResponse(refusal.status, body, { ...refusal.headers, ...headers });
}

/**
 * Read a request body, refusing (413) as soon as it exceeds `limit` bytes: first by its declared
 * `content-length`, then by counting while streaming, so an oversized body is never held in memory.
 */
export function readBodyCapped(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  return readStreamCapped(
    request.body,
    request.headers.get('content-length'),
    limit,
    () => new ProxyRefusal(413, 'body_too_large', `Request body exceeds the ${limit}-byte limit.`),
    () => new ProxyRefusal(400, 'body_unreadable', 'The request body could not be read.'),
  );
}

/**
 * Read a byte stream of at most `limit` bytes. Beyond it (by the declared length, or while reading)
 * the stream is cancelled, which also drops an HTTP connection behind it, and `tooLarge()` is thrown:
 * at most `limit` bytes plus one chunk are ever held.
 */
export async function readStreamCapped(
  stream: ReadableStream<Uint8Array> | null,
  declaredLength: string | null,
  limit: number,
  tooLarge: () => Error,
  unreadable: (error: unknown) => unknown,
): Promise<Uint8Array<ArrayBuffer>> {
  if (declaredLength !== null && /^\d+$/.test(declaredLength.trim()) && Number(declaredLength) > limit) {
    await stream?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (stream === null) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let step: ReadableStreamReadResult<Uint8Array>;
    try {
      step = await reader.read();
    } catch (error) {
      throw unreadable(error);
    }
    if (step.done) break;
    total += step.value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(step.value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** Parse a JSON request body that must be an object; an empty body counts as `{}`. */
export function parseJsonObject(bytes: Uint8Array): Record<string, unknown> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ProxyRefusal(400, 'bad_json', 'Request body is not valid UTF-8.');
  }
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw new ProxyRefusal(400, 'bad_json', 'Request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProxyRefusal(400, 'bad_json', 'Request body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}

/** A file of a multipart body, with the field it came in. */
export interface MultipartFile {
  field: string;
  file: File;
}

/** Parse a multipart body already read (and capped) into text fields and files. */
export async function parseMultipart(
  bytes: Uint8Array<ArrayBuffer>,
  contentType: string,
): Promise<{ fields: Record<string, unknown>; files: MultipartFile[] }> {
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new ProxyRefusal(400, 'bad_multipart', 'Request body is not valid multipart/form-data.');
  }
  const fields: Record<string, unknown> = {};
  const files: MultipartFile[] = [];
  for (const [name, value] of form.entries()) {
    if (typeof value !== 'string') {
      files.push({ field: name, file: value });
      continue;
    }
    // A repeated field could smuggle a second agent or session past a check of the first one.
    if (name in fields)
      throw new ProxyRefusal(400, 'duplicate_field', `Field "${safeName(name)}" appears more than once.`);
    fields[name] = value;
  }
  return { fields, files };
}

/** A field name fit to quote in an error message (bounded, printable). */
export function safeName(name: string): string {
  return name.replace(/[^\w[\]-]/g, '?').slice(0, 40);
}
