// The default process of the official images tutorials use, as their image configs declare it
// (docker ps shows it in COMMAND). tsecret pulls nothing; an image it does not know runs with none.
interface ImageDefaults {
  Entrypoint: string[] | null;
  Cmd: string[] | null;
}

const KNOWN: Record<string, ImageDefaults> = {
  nginx: { Entrypoint: ['/docker-entrypoint.sh'], Cmd: ['nginx', '-g', 'daemon off;'] },
  redis: { Entrypoint: ['docker-entrypoint.sh'], Cmd: ['redis-server'] },
  mysql: { Entrypoint: ['docker-entrypoint.sh'], Cmd: ['mysqld'] },
  postgres: { Entrypoint: ['docker-entrypoint.sh'], Cmd: ['postgres'] },
  'gitea/gitea': { Entrypoint: ['/usr/bin/entrypoint'], Cmd: ['/bin/s6-svscan', '/etc/s6'] },
  alpine: { Entrypoint: null, Cmd: ['/bin/sh'] },
  busybox: { Entrypoint: null, Cmd: ['sh'] },
};

/** The repository part of a reference: "docker.io/library/nginx:1.25@sha256:…" → "nginx". */
function repository(image: string): string {
  const name = image.split('@')[0].replace(/:[^/:]+$/, '');
  return name.replace(/^(docker\.io\/)?(library\/)?/, '');
}

export function imageDefaults(image: string): ImageDefaults {
  return KNOWN[repository(image)] ?? { Entrypoint: null, Cmd: null };
}
