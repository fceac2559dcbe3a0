// Draws the Teams app icons with pngjs and writes them to manifest/: color.png (192×192, a
// deep-blue rounded square with two interlocking white rings: two organisations working
// together) and outline.png (32×32, the same rings in white on transparent). Run with
// `tsx scripts/makeIcons.ts`; the PNGs are checked in, so this only runs when the mark changes.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';

/** Samspill's brand colour (also the manifest's accentColor). */
export const BRAND_BLUE = { r: 0x12, g: 0x3a, b: 0x8c } as const;
export const ACCENT_COLOR = '#123A8C';

export const COLOR_SIZE = 192;
export const OUTLINE_SIZE = 32;

/** Samples per pixel edge: 4×4 supersampling gives smooth, anti-aliased edges. */
const SUPERSAMPLE = 4;

interface RingsGeometry {
  /** Centre of the mark. */
  cx: number;
  cy: number;
  /** Distance of each ring's centre from the mark's centre, along x. */
  offset: number;
  radius: number;
  stroke: number;
  /** Clear space cut into the lower ring where the other passes over it (the interlace). */
  gap: number;
}

/**
 * True when (x, y) is on the white mark: two rings that interlock, the right ring passing over
 * the left one at the top crossing and under it at the bottom.
 */
function onRings(x: number, y: number, g: RingsGeometry): boolean {
  const distLeft = Math.hypot(x - (g.cx - g.offset), y - g.cy);
  const distRight = Math.hypot(x - (g.cx + g.offset), y - g.cy);
  const half = g.stroke / 2;
  const inLeft = Math.abs(distLeft - g.radius) <= half;
  const inRight = Math.abs(distRight - g.radius) <= half;
  const nearLeft = Math.abs(distLeft - g.radius) <= half + g.gap;
  const nearRight = Math.abs(distRight - g.radius) <= half + g.gap;
  if (y < g.cy) return inRight || (inLeft && !nearRight);
  return inLeft || (inRight && !nearLeft);
}

/** True when (x, y) is inside a square of side `size` with corners rounded to `radius`. */
function inRoundedSquare(x: number, y: number, size: number, radius: number): boolean {
  const qx = Math.max(radius - x, 0, x - (size - radius));
  const qy = Math.max(radius - y, 0, y - (size - radius));
  return qx * qx + qy * qy <= radius * radius;
}

/** Fraction (0–1) of a pixel's samples for which `inside` holds. */
function coverage(px: number, py: number, inside: (x: number, y: number) => boolean): number {
  let hits = 0;
  for (let sy = 0; sy < SUPERSAMPLE; sy++) {
    for (let sx = 0; sx < SUPERSAMPLE; sx++) {
      if (inside(px + (sx + 0.5) / SUPERSAMPLE, py + (sy + 0.5) / SUPERSAMPLE)) hits++;
    }
  }
  return hits / (SUPERSAMPLE * SUPERSAMPLE);
}

function ringsFor(size: number, scale: { offset: number; radius: number; stroke: number; gap: number }): RingsGeometry {
  return {
    cx: size / 2,
    cy: size / 2,
    offset: size * scale.offset,
    radius: size * scale.radius,
    stroke: size * scale.stroke,
    gap: size * scale.gap,
  };
}

/** 192×192 colour icon: brand-blue rounded square, white interlocking rings, transparent corners. */
export function drawColorIcon(): PNG {
  const size = COLOR_SIZE;
  const png = new PNG({ width: size, height: size });
  // The mark stays well inside the central safe area Teams recommends.
  const rings = ringsFor(size, { offset: 0.115, radius: 0.2, stroke: 0.062, gap: 0.028 });
  const cornerRadius = size * 0.22;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const background = coverage(px, py, (x, y) => inRoundedSquare(x, y, size, cornerRadius));
      const mark = coverage(px, py, (x, y) => inRoundedSquare(x, y, size, cornerRadius) && onRings(x, y, rings));
      const i = (py * size + px) * 4;
      if (background === 0) {
        png.data[i] = 0;
        png.data[i + 1] = 0;
        png.data[i + 2] = 0;
        png.data[i + 3] = 0;
        continue;
      }
      // Blend white over blue by the mark's share of the covered area.
      const white = mark / background;
      png.data[i] = Math.round(BRAND_BLUE.r + (255 - BRAND_BLUE.r) * white);
      png.data[i + 1] = Math.round(BRAND_BLUE.g + (255 - BRAND_BLUE.g) * white);
      png.data[i + 2] = Math.round(BRAND_BLUE.b + (255 - BRAND_BLUE.b) * white);
      png.data[i + 3] = Math.round(255 * background);
    }
  }
  return png;
}

/** 32×32 outline icon: the rings in pure white; every other pixel fully transparent. */
export function drawOutlineIcon(): PNG {
  const size = OUTLINE_SIZE;
  const png = new PNG({ width: size, height: size });
  // Thicker strokes than the colour icon so the mark survives at 32 px.
  const rings = ringsFor(size, { offset: 0.16, radius: 0.27, stroke: 0.095, gap: 0.045 });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const alpha = Math.round(255 * coverage(px, py, (x, y) => onRings(x, y, rings)));
      const i = (py * size + px) * 4;
      // White where there is any coverage (anti-aliasing lives in alpha only); else transparent black.
      const value = alpha === 0 ? 0 : 255;
      png.data[i] = value;
      png.data[i + 1] = value;
      png.data[i + 2] = value;
      png.data[i + 3] = alpha;
    }
  }
  return png;
}

export const manifestDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'manifest');

export function writeIcons(dir = manifestDir): { color: string; outline: string } {
  const color = join(dir, 'color.png');
  const outline = join(dir, 'outline.png');
  writeFileSync(color, PNG.sync.write(drawColorIcon()));
  writeFileSync(outline, PNG.sync.write(drawOutlineIcon()));
  return { color, outline };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const written = writeIcons();
  console.log(`wrote ${written.color} and ${written.outline}`);
}
