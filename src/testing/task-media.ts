/**
 * Small media files for mocked model runs, generated in code so a mock serves real, viewable outputs
 * without the network: a PNG gradient, a WAV tone and a short WebM clip.
 *
 * Pure and free of Node or browser APIs (byte arithmetic only), so the Node mock server, msw handlers
 * and stories share them. Each file is built on first use and cached.
 * @packageDocumentation
 */

/** What kind of generated file a mocked output is. */
export type TaskMediaKind = 'image' | 'audio' | 'video' | 'text';

/** A generated file: its bytes and MIME type. */
export interface TaskMediaFile {
  contentType: string;
  /** Do not modify: the same bytes are handed to every caller. */
  body: Uint8Array;
}

const cache = /* @__PURE__ */ new Map<TaskMediaKind, TaskMediaFile>();

/**
 * The generated file of a kind: `image` a 96×64 PNG gradient (about 18 KB), `audio` a half-second
 * 440 Hz WAV tone (8 kHz, 16-bit mono, 8 KB), `video` a one-second 64×48 VP8 WebM clip (see
 * {@link MOCK_VIDEO_WEBM_BASE64}), `text` a short UTF-8 note.
 */
export function taskMediaFile(kind: TaskMediaKind): TaskMediaFile {
  let file = cache.get(kind);
  if (file === undefined) {
    file = build(kind);
    cache.set(kind, file);
  }
  return file;
}

/** The kind of generated file that stands in for an output named `name` (by its extension). */
export function mediaKindOf(name: string): TaskMediaKind {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  if (['png', 'jpg', 'jpeg', 'webp', 'gif'].includes(ext)) return 'image';
  if (['wav', 'mp3', 'ogg', 'flac', 'm4a'].includes(ext)) return 'audio';
  if (['mp4', 'webm', 'mov', 'm4v'].includes(ext)) return 'video';
  return 'text';
}

function build(kind: TaskMediaKind): TaskMediaFile {
  switch (kind) {
    case 'image':
      return { contentType: 'image/png', body: gradientPng(96, 64) };
    case 'audio':
      return { contentType: 'audio/wav', body: toneWav(440, 0.5, 8000) };
    case 'video':
      return { contentType: 'video/webm', body: fromBase64(MOCK_VIDEO_WEBM_BASE64) };
    case 'text':
      return { contentType: 'text/plain; charset=utf-8', body: new TextEncoder().encode('Mock model output.\n') };
  }
}

// ---- PNG ---------------------------------------------------------------------------------------

/** An RGB PNG with a diagonal gradient, compressed with stored (uncompressed) deflate blocks. */
export function gradientPng(width: number, height: number): Uint8Array {
  const row = width * 3 + 1;
  const pixels = new Uint8Array(row * height);
  for (let y = 0; y < height; y++) {
    pixels[y * row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const i = y * row + 1 + x * 3;
      pixels[i] = Math.round((x / Math.max(1, width - 1)) * 255);
      pixels[i + 1] = Math.round((y / Math.max(1, height - 1)) * 200) + 30;
      pixels[i + 2] = 200 - Math.round(((x + y) / Math.max(1, width + height - 2)) * 150);
    }
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit depth, truecolour, deflate, no filter method, no interlace
  return concat([
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', zlibStored(pixels)),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) chunk[4 + i] = type.charCodeAt(i);
  chunk.set(data, 8);
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  return chunk;
}

/** A zlib stream of stored deflate blocks: valid everywhere, no compressor needed. */
function zlibStored(data: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [new Uint8Array([0x78, 0x01])];
  for (let offset = 0; offset < data.length || offset === 0; offset += 0xffff) {
    const block = data.subarray(offset, offset + 0xffff);
    const last = offset + 0xffff >= data.length;
    const head = new Uint8Array(5);
    head[0] = last ? 1 : 0;
    head[1] = block.length & 0xff;
    head[2] = block.length >>> 8;
    head[3] = ~block.length & 0xff;
    head[4] = (~block.length >>> 8) & 0xff;
    parts.push(head, block);
    if (data.length === 0) break;
  }
  const adler = new Uint8Array(4);
  new DataView(adler.buffer).setUint32(0, adler32(data));
  parts.push(adler);
  return concat(parts);
}

let crcTable: Uint32Array | null = null;

function crc32(bytes: Uint8Array): number {
  if (crcTable === null) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

// ---- WAV ---------------------------------------------------------------------------------------

/** A mono 16-bit PCM WAV sine tone with a short fade in and out (no clicks). */
export function toneWav(frequency: number, seconds: number, sampleRate: number): Uint8Array {
  const samples = Math.round(seconds * sampleRate);
  const bytes = new Uint8Array(44 + samples * 2);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string): void => {
    for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + samples * 2, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true); // byte rate
  view.setUint16(32, 2, true); // block align
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, 'data');
  view.setUint32(40, samples * 2, true);
  const fade = Math.max(1, Math.round(sampleRate * 0.02));
  for (let i = 0; i < samples; i++) {
    const envelope = Math.min(1, i / fade, (samples - 1 - i) / fade);
    const value = Math.sin((2 * Math.PI * frequency * i) / sampleRate) * envelope * 0.4;
    view.setInt16(44 + i * 2, Math.round(value * 32767), true);
  }
  return bytes;
}

// ---- helpers -----------------------------------------------------------------------------------

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * A one-second 64×48 VP8 WebM clip (a colour sweep). Encoding VP8 needs an encoder, so unlike the PNG and
 * WAV this one was generated once, by Chromium's `MediaRecorder` recording a canvas
 * (`scripts/make-mock-video.ts` regenerates it), and is kept here as base64.
 */
export const MOCK_VIDEO_WEBM_BASE64 = /* @__PURE__ */ [
  'GkXfo59ChoEBQveBAULygQRC84EIQoKEd2VibUKHgQRChYECGFOAZwEAAAAAAAnBEU2bdLlNu4tTq4QVSalmU6yBbk27i1Or',
  'hBZUrmtTrIGTTbuLU6uEH0O2dVOsgdRNu4xTq4QcU7trU6yCCa/srgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  'AAAAAAAAAAAAAAAAAAAVSalmoCrXsYMPQkBEiYREeatETYCGQ2hyb21lV0GGQ2hyb21lFlSua7yuuteBAXPFhxdQX3jTSUCD',
  'gQFV7oEBhoVWX1ZQOOCdsIFAuoEwU8CBAVWwkFWxgQFVuYECVbqBDVW7gQEfQ7Z1AQAAAAAACM/ngQCgQM+hQJ+BAAAAsAQA',
  'nQEqQAAwAAJHCIWFiJmEiAyCAuzMcZA3gPrgP0BENQOPk0TO1DPA9Bzq3AD+8ql/0JVKjVf/uyf/tk//bJ/eZZgD6Kn/9dVw',
  '/9pB57Wv/81nh/7f0WZb8dICLWCRupOEsY46cQbBDjCp17+wv8qKnfuE/6jif+P+0o/+jlj9FaR/5v/lRWh9wn/Uc//x/3lH',
  '/0c+iSwQRtR1oaqmqO6BAaWjsAIAnQEqQAAwAAcHCIWFiJmEiCWCAAaOT8zHm/FYAP7wdgCgQTKhQRCBAFMAkQgACRCAABtw',
  'H+q6YP8B/AGKA/wG5A+UF/NfwH+A+gVwBkAHEAUCB/wDT47Zv4D7hNLe/n+AvUB/QENh9f8KBxFPAXqCBBj+2O7/8wJ49I//',
  'jZ+C+tB+0v/3N7/15L/9Hn/otnb5eNH/+//lu6m/Y2klRvDIqG69Qtp3ULchP/8DLdamU4cl6Ev81FS/AFwj6i77/1QDrSpe',
  'ouiCaOj7/wgDrCPTjWz1SXBwqVHfA9fBUlweIlnmqC10zL4Txt0w2icvCNBluWksIr//OYd07M2V3CJuYAaG+oeykh0UQxLc',
  '2Uebi3538HpnyLvTrGN5Sctf+ecj9D4qs2uGdjCJlFoYPV7Y43BxliZGwHWhmaaX7oEBpZLRAQAcETgAGAAYWC/0AAiMAAD7',
  'gQCgQMuhQKmBAKYAEQUACRCEABq//cYDR/+kAZLdSgZMB4AH9Aesa8qsT+L4b8jD31g5WK0EAP70o+//YxtpKSRYuMYNIn1/',
  'kl/jr9/q1k9cf96X/Y12E1rDuhv4V2tPbgTU3Urd0UZYzccdStyVpl85uxMounGf5L/46/f6OfHhFV9VzrXhYXQw9Czo+IqI',
  'MjNE0069+XrJ1gfG+mnTHdnxY1EKRWBqEf4xYzPAAAAAdaGZppfugQGlktEBABwQ8AAYABhYL/QACIwAAPuBU6BAwaFAn4EA',
  '+QAxAwAJEHwAG3gNH/Bz/oJGUocmBMbwCHF4ILgA/vECj//WTBqzkv/sS3EehIdWwzcdcf708xX+hTLR3ln/7U4Qf/tSreyI',
  'P4p0B4Hv6pMqHCWfsGgXW2WdRIMK1R+If979t+r2y9c5NsRIxoM+ix7lwVe6dWpLJsFEjFiFUTViSFTK62zjI+LmjeAkT/3+',
  'TecUe05mAJJEBgj/AHWhmaaX7oEBpZLRAQAcEMwAGAAYWC/0AAiMAAD7gaagQKGhQH+BAUwAsQMACBBYABrEBA4QfV/7hnuf',
  '4fpxRzYDLh7Ylq4WiAD+8CqD9nYf8X1P907o92JX3/9a/85z4x568V+L1y5PewEttsYEYzakrW+JTWhCiXo7Y2JsbVOQOhO/',
  '+6yP7E3dYp/g3P1G+AcZv7vXdX7JF/f/ArV/EaDwAAAAdaGZppfugQGlktEBABwQoAAYABhYL/QACIwAAPuB+aBA2KFAtYEB',
  '8gBxBAAIEEgAGsf9VfhbAOWzckECA2//7qoWcpq4IC105mRbahAnAP70o282KT4MEWCbwQQQjNIC596nb6lukUCHK6y3Q/Vh',
  'ChXthPmGB4CxpRj76hnT9GJWxfz16YA+1JJsx2QOb8D+kC5wI9Gu24Q102ZxNoBS2+DSWyOaHgwe//Br6yx+DprnCaIkhC8S',
  'ayWZ7/4a/WWPte7tmRwxRZzSUIH/gkd+De16Q2RvDOsnMAB1oZmml+6BAaWS0QEAHBB8ABgAGFgv9AAIjAAA+4IBTKBA6qFA',
  'x4ECRQDRBAAIEEAAGsgH8AWKA7oHmF9AjMA6o1ZwGWAh66pvVAUOqDkN5uDAAP7lCvW7CfRLLdY+0YLnUGAfqA6Zgj5P3/Ht',
  '/15L/9oR/xWLK82OfP//k6dLYgF5MyjtDC01ADi/qpD/CncG+VP4+iR6svzplJvbqqdtXz2zyH2a0uJvrjHctPE/xZmPdAXV',
  'PfcGerW0Sd3QUMbbUK0JKv6JhB2tBkDJk1Bey2RIJO7qSzUqIkbCmcP6YC5rASd+WtubQKAAAAB1oZmml+6BAaWS0QEAHBBg',
  'ABgAGFgv9AAIjAAA+4IB8qBAy6FAqYECogBRBAAIEDgAGBMAMAgZ//P//aB+wGvwOpyDZjxuqAXq3KUFUEVg/vvA21UO1Dli',
  'ET/j9+xh//3CH/6J/d0ClhSxtg3KaM4UVEPUWAPMpy8yEaRJRmk8Fe/iC3DtM8OL+XBxfFAbbEDmcH45N/G4//2Zz/fXf/ug',
  'n/c1bOPJp4arZzlMqOOeUQD/8I6QZ3c1l9kCGBtFsHpC9+SAs48LmDr7ZZbWAAB1oZimlu6BAaWRsQEAHBCkFGAAYWC/0AAi',
  'MAD7ggJFoEDloUDCgQM+ALEEAAgQMAAb0Jl//wFZwHrSD7BegHZAd1unCcQeMv5ABaXcgPRw2AD+9SZLVfZH4ULe029XMvPe',
  'NRf9B4/+gUjte//8ToTybsECy5tjwvbf5D1scX5CR0N3h1LTytlmAGr2Z3n0Is04Ezxc97z9n4bYakv9DuRNvaEeN4D9MAPH',
  'gzyrFAcgkzWgs8FNJir2fxTmw8AAsRetVaDRJnHghddanoegvuamEsbkgRqz8mT4qVUNEsYf4d/KXIf0mwB1oZmml+6BAaWS',
  '0QEAHBBQABgAGFgv9AAIjAAA+4ICoqBAh6HlgQORABEDAAgQLAAay/4n+BoAIjB2vxADD4uSwlfxgP74e4eSSlnX6Qvb3T6u',
  '/Hra+opMAtVjFgAdX6DK0byAFdT47oRC7tGVkr6cKfPC3m9D2ziXXdeB0pYQicba+M/PgFPRGgB1oZmml+6BAaWS0QEAHBA8',
  'ABgAGFgv9AAIjAAA+4IDPqBAhKHigQPmAJECAAgQIAAYE9/AX5QJ14CCQ/jOcXI4/vwbXGjynRSWj9rRXe6fsvpobv9WPiXQ',
  'PaOSo+FE8lH//yCFKB9pxdKVl7addv//kB633/PE6qMp0n1uUlmPwkGltIwPCyB1oZmml+6BAaWS0QEAHBAsABgAGFgv9AAI',
  'jAAA+4IDkRxTu2uNu4uzgQC3hveBAfGB1A==',
].join('');
