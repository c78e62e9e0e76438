// The client side of `docker version` and `docker info` (docker/cli cli/command/system/version.go
// clientVersion): the docker CLI whose behaviour tsecret reproduces, docker 28.2.2, as it reports
// itself on linux/amd64 (fixed, like the simulated engine's facts).
import { API_VERSION } from '../../engine/local/system.js';

export interface ClientVersion {
  Version: string;
  /** The negotiated API version; left out of `info`'s client section when a format is given. */
  ApiVersion?: string;
  DefaultAPIVersion: string;
  GitCommit: string;
  GoVersion: string;
  Os: string;
  Arch: string;
  BuildTime: string;
  Context: string;
}

/** newClientVersion; withAPIVersion: the API the client and engine agreed on (both speak 1.50). */
export function clientVersion(withAPIVersion: boolean): ClientVersion {
  return {
    Version: '28.2.2',
    ...(withAPIVersion ? { ApiVersion: API_VERSION } : {}),
    DefaultAPIVersion: '1.50',
    GitCommit: 'e6534b4',
    GoVersion: 'go1.24.3',
    Os: 'linux',
    Arch: 'amd64',
    // reformatDate: the build time as time.ANSIC
    BuildTime: 'Fri May 30 12:07:14 2025',
    Context: 'default',
  };
}
