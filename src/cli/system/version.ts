// `version` (docker/cli cli/command/system/version.go): the client's and the engine's versions,
// through docker's default template and a tabwriter (20, 1, 1, ' '), or the user's --format.

import type { ServerVersion } from '../../api/system.js';
import type { Engine } from '../../engine/client.js';
import { GoNil, goMap, goStruct } from '../../go/reflect/value.js';
import { TabWriter } from '../../go/tabwriter/tabwriter.js';
import { TemplateExecError } from '../../go/template/exec.js';
import { TemplateParseError } from '../../go/template/parse.js';
import type { GoTemplate } from '../../go/template/template.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, noArgs } from '../command.js';
import { StatusError } from '../errors.js';
import { inspectFormatFlag } from '../flags.js';
import { parseDockerTemplate } from '../formatter/templates.js';
import { apiStruct } from '../go-api.js';
import { clientVersion } from './client.js';

/** defaultVersionTemplate, verbatim. */
const DEFAULT_VERSION_TEMPLATE = `{{with .Client -}}
Client:{{if ne .Platform nil}}{{if ne .Platform.Name ""}} {{.Platform.Name}}{{end}}{{end}}
 Version:\t{{.Version}}
 API version:\t{{.APIVersion}}{{if ne .APIVersion .DefaultAPIVersion}} (downgraded from {{.DefaultAPIVersion}}){{end}}
 Go version:\t{{.GoVersion}}
 Git commit:\t{{.GitCommit}}
 Built:\t{{.BuildTime}}
 OS/Arch:\t{{.Os}}/{{.Arch}}
 Context:\t{{.Context}}
{{- end}}

{{- if ne .Server nil}}{{with .Server}}

Server:{{if ne .Platform.Name ""}} {{.Platform.Name}}{{end}}
 {{- range $component := .Components}}
 {{$component.Name}}:
  {{- if eq $component.Name "Engine" }}
  Version:\t{{.Version}}
  API version:\t{{index .Details "ApiVersion"}} (minimum version {{index .Details "MinAPIVersion"}})
  Go version:\t{{index .Details "GoVersion"}}
  Git commit:\t{{index .Details "GitCommit"}}
  Built:\t{{index .Details "BuildTime"}}
  OS/Arch:\t{{index .Details "Os"}}/{{index .Details "Arch"}}
  Experimental:\t{{index .Details "Experimental"}}
  {{- else }}
  Version:\t{{$component.Version}}
  {{- $detailsOrder := getDetailsOrder $component}}
  {{- range $key := $detailsOrder}}
  {{$key}}:\t{{index $component.Details $key}}
   {{- end}}
  {{- end}}
 {{- end}}
 {{- end}}{{- end}}`;

export interface VersionOptions {
  format: string;
}

/** time.ANSIC of an RFC3339 time ("Fri May 30 12:07:26 2025"), as reformatDate gives the build time. */
function ansic(rfc3339: string): string {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  // toUTCString: "Fri, 30 May 2025 12:07:26 GMT"; ANSIC: "Fri May 30 12:07:26 2025" (day space-padded)
  const [dow, day, month, year, time] = d.toUTCString().replace(',', '').split(' ');
  return `${dow} ${month} ${String(Number(day)).padStart(2, ' ')} ${time} ${year}`;
}

/** versionInfo as Go sees it: the client's fields, then the server's types.Version. */
function versionInfo(server: ServerVersion): object {
  const client = clientVersion(true);
  const components = server.Components.map((c) => {
    const details = { ...(c.Details ?? {}) };
    if (c.Name === 'Engine' && details.BuildTime) details.BuildTime = ansic(details.BuildTime);
    const raw = { Name: c.Name, Version: c.Version, Details: details };
    return apiStruct('types.ComponentVersion', { Name: c.Name, Version: c.Version, Details: goMap(details) }, raw);
  });
  const serverRaw = {
    ...server,
    Components: components.map((c) => ({ Name: c.Name, Version: c.Version, Details: { ...(c.Details as object) } })),
  };
  const typedServer = apiStruct(
    '*types.Version',
    {
      Platform: goStruct('struct { Name string }', { Name: server.Platform.Name }),
      Components: components,
      Version: server.Version,
      APIVersion: server.ApiVersion,
      MinAPIVersion: server.MinAPIVersion,
      GitCommit: server.GitCommit,
      GoVersion: server.GoVersion,
      Os: server.Os,
      Arch: server.Arch,
      KernelVersion: server.KernelVersion,
      Experimental: false,
      BuildTime: server.BuildTime,
    },
    serverRaw,
  );
  const typedClient = apiStruct(
    'system.clientVersion',
    {
      Platform: new GoNil('*system.platformInfo'),
      Version: client.Version,
      APIVersion: client.ApiVersion,
      DefaultAPIVersion: client.DefaultAPIVersion,
      GitCommit: client.GitCommit,
      GoVersion: client.GoVersion,
      Os: client.Os,
      Arch: client.Arch,
      BuildTime: client.BuildTime,
      Context: client.Context,
    },
    client,
  );
  return apiStruct('system.versionInfo', { Client: typedClient, Server: typedServer }, { Client: client, Server: serverRaw });
}

/** Go names the template "version" in its errors; tsecret's parser leaves the name empty. */
const named = (message: string): string =>
  message.replace(/^template: :/, 'template: version:').replace(/executing "" at/, 'executing "version" at');

export async function runVersion(opts: VersionOptions, io: IOStreams, engine: Engine): Promise<void> {
  const text = opts.format === '' ? DEFAULT_VERSION_TEMPLATE : opts.format === 'json' ? '{{json .}}' : opts.format;
  let template: GoTemplate;
  try {
    template = parseDockerTemplate(text, {
      funcs: {
        getDetailsOrder: (c: { Details?: object }) => Object.keys(c.Details ?? {}).sort(),
      },
    });
  } catch (err) {
    if (err instanceof TemplateParseError) throw new StatusError(`template parsing error: ${named(err.message)}`, 64);
    throw err;
  }
  const data = versionInfo(await engine.serverVersion());
  const tw = new TabWriter({ minwidth: 20, tabwidth: 1, padding: 1, padchar: ' ', flags: 0 });
  let failure: Error | undefined;
  try {
    tw.write(template.execute(data));
  } catch (err) {
    if (!(err instanceof TemplateExecError)) throw err;
    tw.write(err.output);
    failure = new Error(named(err.message));
  }
  tw.write('\n');
  io.stdout.write(tw.flush());
  if (failure) throw failure;
}

export const versionCommand = defineCommand({
  use: 'version [OPTIONS]',
  short: 'Show the Docker version information',
  args: noArgs,
  flags: [inspectFormatFlag],
  run: ({ flags, io, engine }) => runVersion({ format: flags.format }, io, engine()),
});
