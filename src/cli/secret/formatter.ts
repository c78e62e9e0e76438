// How secrets print (docker/cli cli/command/secret/formatter.go): the list row context, the table
// headers, and the --pretty inspect template.
import type { Secret } from '../../api/swarm.js';
import { compareBytes } from '../../go/strings/strings.js';
import { GoTime } from '../../go/time/time.js';
import { humanDuration } from '../../go/units/duration.js';
import { prettyPrint } from '../formatter/displayutils.js';

export const DEFAULT_SECRET_TABLE = 'table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.CreatedAt}}\t{{.UpdatedAt}}';

export const SECRET_HEADERS: Record<string, string> = {
  ID: 'ID',
  Name: 'NAME',
  Driver: 'DRIVER',
  CreatedAt: 'CREATED',
  UpdatedAt: 'UPDATED',
  Labels: 'LABELS',
};

/** One `secret ls` row (docker's secretContext): its zero-argument methods are what `{{json .}}` shows. */
export class SecretRow {
  constructor(
    private readonly secret: Secret,
    private readonly nowMs: number,
  ) {}

  ID(): string {
    return this.secret.ID;
  }
  Name(): string {
    return this.secret.Spec.Name;
  }
  Driver(): string {
    return this.secret.Spec.Driver?.Name ?? '';
  }
  CreatedAt(): string {
    return this.ago(this.secret.CreatedAt);
  }
  UpdatedAt(): string {
    return this.ago(this.secret.UpdatedAt);
  }
  /** Go ranges over a map in random order; keys in byte order give a stable, docker-compatible text. */
  Labels(): string {
    return Object.keys(this.secret.Spec.Labels)
      .sort(compareBytes)
      .map((k) => `${k}=${this.secret.Spec.Labels[k]}`)
      .join(',');
  }
  Label(name: string): string {
    return this.secret.Spec.Labels[name] ?? '';
  }
  private ago(time: string): string {
    // a secret is never updated in place (only relabelled), so UpdatedAt is nearly always
    // CreatedAt: the row parses the time once for both columns
    if (time !== this.lastTime) {
      this.lastTime = time;
      this.lastAgo = `${humanDuration(this.nowMs - new GoTime(time).epochMs())} ago`;
    }
    return this.lastAgo;
  }
  private lastTime = '';
  private lastAgo = '';
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

/** The context --pretty renders. */
export function prettySecret(secret: Secret): Record<string, unknown> {
  return {
    ID: secret.ID,
    Name: secret.Spec.Name,
    Labels: secret.Spec.Labels,
    Driver: secret.Spec.Driver?.Name ?? '',
    CreatedAt: prettyPrint(new GoTime(secret.CreatedAt).toGoString()),
    UpdatedAt: prettyPrint(new GoTime(secret.UpdatedAt).toGoString()),
  };
}
