// How secrets print (docker/cli cli/command/secret/formatter.go): the list row context, the table
// headers, and the --pretty inspect template. Configs print the same way but for their own columns
// and template (config/formatter.go), so the row and the pretty context's common part live here.
import type { Secret } from '../../api/swarm.js';
import { compareBytes } from '../../go/strings/strings.js';
import { GoTime } from '../../go/time/time.js';
import { humanDuration } from '../../go/units/duration.js';
import { prettyPrint } from '../formatter/displayutils.js';
import { cellsTable, LIST_OUTPUT_LIMIT } from '../table.js';

export const DEFAULT_SECRET_TABLE = 'table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.CreatedAt}}\t{{.UpdatedAt}}';

export const SECRET_HEADERS: Record<string, string> = {
  ID: 'ID',
  Name: 'NAME',
  Driver: 'DRIVER',
  CreatedAt: 'CREATED',
  UpdatedAt: 'UPDATED',
  Labels: 'LABELS',
};

/** What a list row and the pretty view read of a secret or a config. */
export interface SwarmObject {
  ID: string;
  CreatedAt: string;
  UpdatedAt: string;
  Spec: { Name: string; Labels: Record<string, string> };
}

/**
 * The columns secretContext and configContext share: their zero-argument methods are what
 * `{{json .}}` shows.
 */
export class ObjectRow {
  constructor(
    private readonly object: SwarmObject,
    private readonly nowMs: number,
  ) {}

  ID(): string {
    return this.object.ID;
  }
  Name(): string {
    return this.object.Spec.Name;
  }
  CreatedAt(): string {
    return this.ago(this.object.CreatedAt);
  }
  UpdatedAt(): string {
    return this.ago(this.object.UpdatedAt);
  }
  /** Go ranges over a map in random order; keys in byte order give a stable, docker-compatible text. */
  Labels(): string {
    return Object.keys(this.object.Spec.Labels)
      .sort(compareBytes)
      .map((k) => `${k}=${this.object.Spec.Labels[k]}`)
      .join(',');
  }
  Label(name: string): string {
    return this.object.Spec.Labels[name] ?? '';
  }
  private ago(time: string): string {
    // a secret or config is never updated in place (only relabelled), so UpdatedAt is nearly
    // always CreatedAt: the row parses the time once for both columns
    if (time !== this.lastTime) {
      this.lastTime = time;
      this.lastAgo = `${humanDuration(this.nowMs - new GoTime(time).epochMs())} ago`;
    }
    return this.lastAgo;
  }
  private lastTime = '';
  private lastAgo = '';
}

/** One `secret ls` row (docker's secretContext). */
export class SecretRow extends ObjectRow {
  constructor(
    private readonly secret: Secret,
    nowMs: number,
  ) {
    super(secret, nowMs);
  }

  Driver(): string {
    return this.secret.Spec.Driver?.Name ?? '';
  }
}

/**
 * `secret ls` with the default table (no --format, no -q): what DEFAULT_SECRET_TABLE renders for
 * the rows, each cell taken straight from the secret as SecretRow's methods take it, without
 * parsing the template or loading the template engine (tests compare the two on random secrets
 * and clocks). undefined: the output would pass the list's bound, which the template path reports.
 */
export function defaultSecretTable(secrets: readonly Secret[], nowMs: number): string | undefined {
  const rows: string[][] = [['ID', 'NAME', 'DRIVER', 'CREATED', 'UPDATED']];
  // most secrets were never updated (UpdatedAt is CreatedAt), so a time is aged once for both
  let lastTime = '';
  let lastAgo = '';
  const ago = (time: string): string => {
    if (time !== lastTime) {
      lastTime = time;
      lastAgo = `${humanDuration(nowMs - new GoTime(time).epochMs())} ago`;
    }
    return lastAgo;
  };
  let length = 0;
  for (const s of secrets) {
    const row = [s.ID, s.Spec.Name, s.Spec.Driver?.Name ?? '', ago(s.CreatedAt), ago(s.UpdatedAt)];
    rows.push(row);
  }
  // counted after the rows, not in their loop (see formatter.ts columnsTable: a hot loop V8
  // compiles while it runs delays the process's exit)
  for (const row of rows) for (const cell of row) length += cell.length + 1;
  if (length > LIST_OUTPUT_LIMIT) return undefined;
  return cellsTable(rows);
}

/** The --pretty template, verbatim from docker (note the ID line's odd spacing). */
export const SECRET_PRETTY_TEMPLATE = `ID:              {{.ID}}
Name:              {{.Name}}
{{- if .Labels }}
Labels:
{{- range $k, $v := .Labels }}
 - {{ $k }}{{if $v }}={{ $v }}{{ end }}
{{- end }}{{ end }}
Driver:            {{.Driver}}
Created at:        {{.CreatedAt}}
Updated at:        {{.UpdatedAt}}`;

/** What the --pretty templates of secrets and configs both read. */
export function prettyObject(object: SwarmObject): Record<string, unknown> {
  return {
    ID: object.ID,
    Name: object.Spec.Name,
    Labels: object.Spec.Labels,
    CreatedAt: prettyPrint(new GoTime(object.CreatedAt).toGoString()),
    UpdatedAt: prettyPrint(new GoTime(object.UpdatedAt).toGoString()),
  };
}

/** The context secret --pretty renders. */
export function prettySecret(secret: Secret): Record<string, unknown> {
  return { ...prettyObject(secret), Driver: secret.Spec.Driver?.Name ?? '' };
}
