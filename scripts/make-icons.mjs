// Draws the add-in's icons (assets/icon-<size>.png): a green rounded square with a white
// ledger mark — three rising bars over a base rule. Made here so nothing is downloaded;
// re-run with `node scripts/make-icons.mjs` after changing the design, and commit the PNGs.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";

const SIZES = [16, 32, 64, 80, 128];
const BRAND_GREEN = [0x1b, 0x7a, 0x4b];
const WHITE = [0xff, 0xff, 0xff];
// Supersampling gives smooth edges without a vector library.
const SAMPLES = 4;

/** Shapes in a unit square (0..1), drawn in order; later shapes paint over earlier ones. */
const SHAPES = [
  { color: BRAND_GREEN, inside: (x, y) => inRoundedRect(x, y, 0, 0, 1, 1, 0.2) },
  { color: WHITE, inside: (x, y) => inRoundedRect(x, y, 0.2, 0.74, 0.8, 0.8, 0.02) }, // base rule
  { color: WHITE, inside: (x, y) => inRoundedRect(x, y, 0.24, 0.5, 0.36, 0.7, 0.03) },
  { color: WHITE, inside: (x, y) => inRoundedRect(x, y, 0.44, 0.36, 0.56, 0.7, 0.03) },
  { color: WHITE, inside: (x, y) => inRoundedRect(x, y, 0.64, 0.2, 0.76, 0.7, 0.03) },
];

function inRoundedRect(x, y, left, top, right, bottom, radius) {
  if (x < left || x > right || y < top || y > bottom) return false;
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function pixel(px, py, size) {
  let alpha = 0;
  const rgb = [0, 0, 0];
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const x = (px + (sx + 0.5) / SAMPLES) / size;
      const y = (py + (sy + 0.5) / SAMPLES) / size;
      const shape = SHAPES.findLast((s) => s.inside(x, y));
      if (!shape) continue;
      alpha += 1;
      shape.color.forEach((c, i) => (rgb[i] += c));
    }
  }
  if (alpha === 0) return [0, 0, 0, 0];
  return [...rgb.map((c) => Math.round(c / alpha)), Math.round((255 * alpha) / SAMPLES ** 2)];
}

function icon(size) {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      png.data.set(pixel(x, y, size), (y * size + x) * 4);
    }
  }
  return PNG.sync.write(png);
}

const assets = join(dirname(fileURLToPath(import.meta.url)), "..", "assets");
mkdirSync(assets, { recursive: true });
for (const size of SIZES) {
  const file = join(assets, `icon-${size}.png`);
  writeFileSync(file, icon(size));
  console.log(`wrote ${file}`);
}
