/**
 * Focal point picker for an upload: click the preview (or use the arrow keys on it) to mark the
 * part of the image that crops must keep; stored as Mastodon's focus (-1..1, y up).
 */
import type { JSX } from "preact";

const clamp = (v: number) => Math.max(-1, Math.min(1, Math.round(v * 100) / 100));

/** CSS object-position for a Mastodon focus (so cropped previews keep the focal point). */
export function objectPosition(focus: { x?: number; y?: number } | undefined | null): string | undefined {
  if (!focus || (focus.x === undefined && focus.y === undefined)) return undefined;
  const x = ((clamp(focus.x ?? 0) + 1) / 2) * 100;
  const y = ((1 - clamp(focus.y ?? 0)) / 2) * 100;
  return `${x}% ${y}%`;
}

/** The preview image as a button that sets the focal point; a marker shows where it is. */
export function FocalPoint({
  src,
  index,
  focus,
  onChange,
}: {
  src: string;
  index: number;
  focus: { x: number; y: number };
  onChange(f: { x: number; y: number }): void;
}): JSX.Element {
  const click = (e: MouseEvent) => {
    const r = (e.currentTarget as HTMLElement).getBoundingClientRect();
    if (!r.width || !r.height || (e.clientX === 0 && e.clientY === 0 && e.detail === 0)) return;
    onChange({ x: clamp(((e.clientX - r.left) / r.width) * 2 - 1), y: clamp(1 - ((e.clientY - r.top) / r.height) * 2) });
  };
  const key = (e: KeyboardEvent) => {
    const step = 0.1;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, step],
      ArrowDown: [0, -step],
    };
    const m = moves[e.key];
    if (!m) return;
    e.preventDefault();
    onChange({ x: clamp(focus.x + m[0]), y: clamp(focus.y + m[1]) });
  };
  const left = ((focus.x + 1) / 2) * 100;
  const top = ((1 - focus.y) / 2) * 100;
  return (
    <button
      type="button"
      class="focal-point"
      onClick={click}
      onKeyDown={key}
      aria-label={`Focal point for image ${index}: ${Math.round(left)}% from the left, ${Math.round(top)}% from the top. Click the image or use the arrow keys to move it.`}
    >
      <img src={src} alt="" width={72} height={72} />
      <span class="focal-marker" style={{ left: `${left}%`, top: `${top}%` }} aria-hidden="true" />
    </button>
  );
}
