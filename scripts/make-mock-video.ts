/**
 * Regenerate `MOCK_VIDEO_WEBM_BASE64` in src/testing/task-media.ts: the short clip mocked video models
 * "produce". VP8 needs an encoder, and the one every developer here has is Chromium's `MediaRecorder`:
 * this records a one-second colour sweep drawn on a 64×48 canvas and prints the WebM as base64.
 *
 *   node --import tsx scripts/make-mock-video.ts > /tmp/clip.b64
 *
 * Uses Debian's Chromium (`CHROMIUM_PATH` to override), no network.
 */
import { chromium } from 'playwright-core';

/** Runs in the page (passed as source text: tsx's transform would add helpers the page lacks). */
const RECORD = `async () => {
  const canvas = document.createElement('canvas');
  canvas.width = 64;
  canvas.height = 48;
  document.body.append(canvas);
  const context = canvas.getContext('2d');
  const recorder = new MediaRecorder(canvas.captureStream(12), {
    mimeType: 'video/webm;codecs=vp8',
    videoBitsPerSecond: 60000,
  });
  const chunks = [];
  recorder.ondataavailable = (event) => chunks.push(event.data);
  const stopped = new Promise((resolve) => (recorder.onstop = resolve));
  let frame = 0;
  const draw = () => {
    context.fillStyle = 'hsl(' + ((frame * 30) % 360) + ' 70% 50%)';
    context.fillRect(0, 0, 64, 48);
    context.fillStyle = '#fff';
    context.fillRect((frame * 5) % 64, 18, 12, 12);
    frame++;
  };
  draw();
  recorder.start();
  const timer = setInterval(draw, 1000 / 12);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  clearInterval(timer);
  recorder.stop();
  await stopped;
  const bytes = new Uint8Array(await new Blob(chunks, { type: 'video/webm' }).arrayBuffer());
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage();
  const base64 = await page.evaluate<string>(`(${RECORD})()`);
  process.stdout.write(`${base64}\n`);
} finally {
  await browser.close();
}
