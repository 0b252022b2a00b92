/**
 * Writes the PWA icons (public/icons/*.png): a rising chart line on the app's dark background.
 * Run with `npx tsx client/pwa/generate-icons.ts`; the PNGs are committed so builds need no canvas.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

type Rgb = [number, number, number];
const BACKGROUND: Rgb = [11, 14, 23];
const LINE: Rgb = [240, 185, 11];
const CANDLE_UP: Rgb = [38, 166, 154];

/** Polyline in unit coordinates (y grows downwards), drawn inside the maskable safe zone. */
const LINE_POINTS: Array<[number, number]> = [
  [0.22, 0.68],
  [0.4, 0.5],
  [0.54, 0.6],
  [0.78, 0.32],
];
const CANDLES: Array<{ x: number; top: number; bottom: number }> = [
  { x: 0.3, top: 0.62, bottom: 0.78 },
  { x: 0.47, top: 0.56, bottom: 0.76 },
  { x: 0.64, top: 0.48, bottom: 0.74 },
];

function distanceToSegment(px: number, py: number, [ax, ay]: [number, number], [bx, by]: [number, number]): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function pixel(u: number, v: number): Rgb {
  const onLine = LINE_POINTS.slice(1).some((p, i) => distanceToSegment(u, v, LINE_POINTS[i] ?? p, p) < 0.035);
  if (onLine) return LINE;
  const onCandle = CANDLES.some((c) => Math.abs(u - c.x) < 0.04 && v > c.top && v < c.bottom);
  return onCandle ? CANDLE_UP : BACKGROUND;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function renderIconPng(size: number): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      const [r, g, b] = pixel((x + 0.5) / size, (y + 0.5) / size);
      row.set([r, g, b], 1 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync('public/icons', { recursive: true });
  for (const size of [192, 512]) writeFileSync(`public/icons/icon-${size}.png`, renderIconPng(size));
  console.log('wrote public/icons/icon-192.png and icon-512.png');
}
