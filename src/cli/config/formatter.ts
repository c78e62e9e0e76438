// How configs print (docker/cli cli/command/config/formatter.go): secrets' row without the DRIVER
// column, and a --pretty template that ends with the data (its tabs are docker's own).
import type { Config } from '../../api/swarm.js';
import { utf8Decode } from '../../go/unicode/utf8.js';
import { prettyObject } from '../secret/formatter.js';

export const DEFAULT_CONFIG_TABLE = 'table {{.ID}}\t{{.Name}}\t{{.CreatedAt}}\t{{.UpdatedAt}}';

export const CONFIG_HEADERS: Record<string, string> = {
  ID: 'ID',
  Name: 'NAME',
  CreatedAt: 'CREATED',
  UpdatedAt: 'UPDATED',
  Labels: 'LABELS',
};

export const CONFIG_PRETTY_TEMPLATE = `ID:\t\t\t{{.ID}}
Name:\t\t\t{{.Name}}
{{- if .Labels }}
Labels:
{{- range $k, $v := .Labels }}
 - {{ $k }}{{if $v }}={{ $v }}{{ end }}
{{- end }}{{ end }}
Created at:            \t{{.CreatedAt}}
Updated at:            \t{{.UpdatedAt}}
Data:
{{.Data}}`;

/** The context --pretty renders (configInspectContext): the data as text. */
export function prettyConfig(config: Config): Record<string, unknown> {
  return { ...prettyObject(config), Data: utf8Decode(config.Spec.Data) };
}
