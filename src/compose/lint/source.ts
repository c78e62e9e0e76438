// A compose file's text with the positions of its YAML nodes (the `yaml` package's source
// ranges), so a finding can name the line and column of the key or value it is about.
import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';

/** A path into the file's mapping: keys, and indexes into lists. */
export type YamlPath = readonly (string | number)[];

export interface Position {
  line: number;
  column: number;
}

export class ComposeSource {
  private readonly lines = new LineCounter();
  private readonly doc: Document;

  constructor(
    /** As given to -c (`-` for stdin). */
    readonly filename: string,
    readonly text: string,
  ) {
    // failsafe: every scalar stays a string, so keys are matched as written (`1:` is "1")
    this.doc = parseDocument(text, { lineCounter: this.lines, schema: 'failsafe', uniqueKeys: false, merge: false });
  }

  /**
   * The position of the node at `path`: of its key (`which` = 'key', for a mapping entry) or of
   * its value. When the path goes further than the file (a key set by a `<<` merge, another
   * file's key), the position of the deepest node that exists; undefined when not even the first
   * key is in this file.
   */
  locate(path: YamlPath, which: 'key' | 'value' = 'value'): Position | undefined {
    let node = this.resolve(this.doc.contents as Node | null);
    let found: number | undefined;
    for (const [i, segment] of path.entries()) {
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) break;
        const keyAt = (pair.key as Node).range?.[0];
        const value = this.resolve(pair.value as Node | null);
        found = last && which === 'key' ? keyAt : ((pair.value as Node | null)?.range?.[0] ?? keyAt);
        node = value;
      } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
        const item = node.items[segment] as Node | null;
        found = item?.range?.[0] ?? found;
        node = this.resolve(item);
      } else break;
    }
    return found === undefined ? undefined : this.position(found);
  }

  /** Whether the file itself has a node at `path` (not merged in, not from another file). */
  has(path: YamlPath): boolean {
    let node = this.resolve(this.doc.contents as Node | null);
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) return false;
        node = this.resolve(pair.value as Node | null);
      } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
        node = this.resolve(node.items[segment] as Node | null);
      } else return false;
    }
    return true;
  }

  /** 1-based line and column of a character offset. */
  position(offset: number): Position {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  private resolve(node: Node | null | undefined): Node | null {
    if (!node) return null;
    return isAlias(node) ? ((node.resolve(this.doc) as Node | undefined) ?? null) : node;
  }
}
