import type { BitmapCoordinatesRenderingScope } from 'fancy-canvas';
import type { DrawingStyle } from '../../../shared/drawings/index.ts';
import { handlePoints, type PixelShape } from './pixel-geometry.ts';

export const TEXT_FONT_SIZE = 13;
const fontOf = (px: number): string => `${px}px -apple-system, BlinkMacSystemFont, 'Trebuchet MS', Roboto, Ubuntu, sans-serif`;
const HANDLE_RADIUS = 4;

export interface ShapeLook {
  style: DrawingStyle;
  label: string;
  selected: boolean;
  /** Previews are drawn dashed so an unfinished shape is not mistaken for a saved one. */
  preview: boolean;
}

/** The stroke pattern of a line style, scaled with the width so a thick dotted line still reads as dots. */
function dashOf({ lineStyle, lineWidth }: DrawingStyle, hr: number): number[] {
  const unit = Math.max(1, lineWidth) * hr;
  if (lineStyle === 'dashed') return [4 * unit, 3 * unit];
  if (lineStyle === 'dotted') return [unit, 2 * unit];
  return [];
}

/** Zone fill: the explicit fill colour, or the stroke colour at low opacity. */
function fillOf(style: DrawingStyle): string {
  if (style.fillColor !== undefined) return style.fillColor;
  return style.color.length === 7 ? `${style.color}2e` : style.color;
}

/** Paints a projected shape; must run inside `useBitmapCoordinateSpace`, so every length is scaled. */
export function paintShape(scope: BitmapCoordinatesRenderingScope, shape: PixelShape, look: ShapeLook): void {
  const { context: ctx, horizontalPixelRatio: hr, verticalPixelRatio: vr } = scope;
  const X = (x: number) => Math.round(x * hr);
  const Y = (y: number) => Math.round(y * vr);
  ctx.save();
  ctx.lineWidth = look.style.lineWidth * hr;
  ctx.strokeStyle = look.style.color;
  ctx.setLineDash(look.preview ? [6 * hr, 4 * hr] : dashOf(look.style, hr));

  switch (shape.kind) {
    case 'segment':
      ctx.beginPath();
      ctx.moveTo(X(shape.a.x), Y(shape.a.y));
      ctx.lineTo(X(shape.b.x), Y(shape.b.y));
      ctx.stroke();
      paintCaption(scope, look, shape.a.x, shape.a.y);
      break;
    case 'hline':
      ctx.beginPath();
      ctx.moveTo(0, Y(shape.y));
      ctx.lineTo(X(shape.paneWidth), Y(shape.y));
      ctx.stroke();
      paintCaption(scope, look, 4, shape.y);
      break;
    case 'rect': {
      const left = X(Math.min(shape.a.x, shape.b.x));
      const top = Y(Math.min(shape.a.y, shape.b.y));
      const width = X(Math.max(shape.a.x, shape.b.x)) - left;
      const height = Y(Math.max(shape.a.y, shape.b.y)) - top;
      ctx.fillStyle = fillOf(look.style);
      ctx.fillRect(left, top, width, height);
      ctx.strokeRect(left, top, width, height);
      paintCaption(scope, look, Math.min(shape.a.x, shape.b.x), Math.min(shape.a.y, shape.b.y));
      break;
    }
    case 'text':
      ctx.font = fontOf(TEXT_FONT_SIZE * vr);
      ctx.fillStyle = look.style.color;
      ctx.textBaseline = 'bottom';
      ctx.fillText(look.label, X(shape.anchor.x), Y(shape.anchor.y));
      if (look.selected) {
        ctx.setLineDash([3 * hr, 3 * hr]);
        ctx.lineWidth = hr;
        ctx.strokeRect(X(shape.anchor.x) - 2 * hr, Y(shape.anchor.y - shape.height) - 2 * vr, X(shape.width) + 4 * hr, Y(shape.height) + 4 * vr);
      }
      break;
  }

  if (look.selected) {
    ctx.setLineDash([]);
    ctx.fillStyle = '#ffffff';
    ctx.lineWidth = 1.5 * hr;
    for (const p of handlePoints(shape)) {
      ctx.beginPath();
      ctx.arc(X(p.x), Y(p.y), HANDLE_RADIUS * hr, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    }
  }
  ctx.restore();
}

/** Non-text shapes show their label as a small caption above their first anchor. */
function paintCaption(scope: BitmapCoordinatesRenderingScope, look: ShapeLook, x: number, y: number): void {
  if (look.label === '') return;
  const { context: ctx, horizontalPixelRatio: hr, verticalPixelRatio: vr } = scope;
  ctx.font = fontOf((TEXT_FONT_SIZE - 2) * vr);
  ctx.fillStyle = look.style.color;
  ctx.textBaseline = 'bottom';
  ctx.fillText(look.label, Math.round((x + 4) * hr), Math.round((y - 4) * vr));
}

/** Text box size without a canvas (pane views run before painting); about 0.6em per character. */
export function estimateTextBox(label: string): { width: number; height: number } {
  return { width: Math.max(8, label.length * TEXT_FONT_SIZE * 0.6), height: TEXT_FONT_SIZE + 3 };
}
