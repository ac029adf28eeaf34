/**
 * How files are described: sizes in the reader's language, and which files show as images.
 * @packageDocumentation
 */

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
const formats = /* @__PURE__ */ new Map<string, Intl.NumberFormat>();

/**
 * A file size with a decimal unit, in the locale: `"980 bytes"`, `"12.3 kB"`, `"4.5 MB"` (`"4,5 MB"`
 * in German). Decimal units (1 kB = 1000 bytes), as their names say.
 */
export function formatFileSize(bytes: number, locale?: string): string {
  let value = Math.max(0, Number.isFinite(bytes) ? bytes : 0);
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const name = UNITS[unit] as (typeof UNITS)[number];
  const key = `${locale ?? ''}|${name}`;
  let format = formats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, {
      style: 'unit',
      unit: name,
      unitDisplay: name === 'byte' ? 'long' : 'short',
      maximumFractionDigits: name === 'byte' ? 0 : 1,
    });
    formats.set(key, format);
  }
  return format.format(value);
}

/** Image formats browsers show in `<img>`, by extension (for files whose type the server left out). */
const IMAGE_EXTENSIONS = /\.(png|jpe?g|gif|webp|avif|bmp|svg|ico)$/i;

/** `true` for an image: by its MIME type, or by the extension of its name or URL when it has no type. */
export function isImageFile(file: { type: string; name: string; url?: string | null }): boolean {
  const type = file.type.toLowerCase();
  // Servers label files they cannot type as octet-stream: then the name says more.
  if (type !== '' && type !== 'application/octet-stream') return type.startsWith('image/');
  if (IMAGE_EXTENSIONS.test(file.name)) return true;
  if (typeof file.url !== 'string') return false;
  const path = file.url.split(/[?#]/)[0] ?? '';
  return IMAGE_EXTENSIONS.test(path);
}
