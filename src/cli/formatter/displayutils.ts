// docker/cli cli/command/formatter/displayutils.go (Ellipsis, TruncateID) and the other small
// helpers docker's formatters share: command.PrettyPrint (cli/command/utils.go), the "… ago" of
// a time, and the image reference list rows show.
import { parseImageReference } from '../../engine/image-reference.js';
import { runeWidth } from '../../go/runewidth/runewidth.js';
import { GoTime } from '../../go/time/time.js';
import { utf8Len } from '../../go/unicode/utf8.js';
import { humanDuration } from '../../go/units/duration.js';

/** formatter.TruncateID: drops an "algo:" prefix, keeps 12 characters. */
export function truncateID(id: string): string {
  const colon = id.indexOf(':');
  const s = colon >= 0 ? id.slice(colon + 1) : id;
  return s.length > 12 ? s.slice(0, 12) : s;
}

/** formatter.Ellipsis: cut to a display width, the last column being "…". */
export function ellipsis(s: string, maxWidth: number): string {
  if (maxWidth <= 0) return '';
  const runes = Array.from(s);
  if (maxWidth === 1) return runes[0] ?? '';
  if (utf8Len(s) === runes.length) {
    if (runes.length <= maxWidth) return s;
    return `${runes.slice(0, maxWidth - 1).join('')}…`;
  }
  const display: number[] = [];
  let width = 0;
  for (const r of runes) {
    width += runeWidth(r.codePointAt(0) as number);
    display.push(width);
  }
  if (width <= maxWidth) return s;
  for (let i = 0; i < display.length - 1; i++) {
    if (display[i] <= maxWidth - 1 && display[i + 1] > maxWidth - 1) return `${runes.slice(0, i + 1).join('')}…`;
  }
  return s;
}

/** units.HumanDuration(now - t) + " ago", as docker's list formatters write a time. */
export const ago = (nowMs: number, time: string): string => `${humanDuration(nowMs - new GoTime(time).epochMs())} ago`;

/** What service ls / service ps show: a tagged reference without its digest, familiar. */
export function imageWithoutDigest(image: string): string {
  const ref = parseImageReference(image);
  return ref?.tag !== undefined ? `${ref.familiar}:${ref.tag}` : image;
}

/** command.PrettyPrint: first letter upper case, the rest lower case (so "+0000 utc"). */
export const prettyPrint = (s: string): string => (s === '' ? s : s[0].toUpperCase() + s.slice(1).toLowerCase());
