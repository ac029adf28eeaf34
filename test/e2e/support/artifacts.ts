/** Where the browser tests leave their files. */
import { resolve } from 'node:path';

/** Screenshots and other outputs of a run (git-ignored; kept by CI as artifacts). */
export const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');

/** The README's screenshot of the demo (committed; refreshed with `WIRO_UPDATE_SCREENSHOT=1 npm run test:e2e`). */
export const DOCS_SCREENSHOT = resolve(import.meta.dirname, '../../../docs/screenshot.png');

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height of a PNG file's image (from its IHDR chunk); throws when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE) || bytes.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG file');
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
