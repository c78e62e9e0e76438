// Image references as docker's distribution/reference package reads them, as far as tsecret
// needs: the familiar name, tag and digest for display, and ParseAnyReference's errors for
// compose files; and the Go client's imageWithTagString (client/service_create.go).

const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
/** A full reference: name, tag and digest as groups 1 to 3. */
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const IMAGE_ID = /^[a-f0-9]{64}$/;
const NAME_TOTAL_LENGTH_MAX = 255;

/**
 * splitDockerDomain: a first path component with '.' or ':', upper case, or `localhost` names a
 * registry; otherwise the image is on docker.io, under `library/` when it has no path.
 */
function splitDockerDomain(image: string): { domain: string; remainder: string } {
  const slash = image.indexOf('/');
  let domain = 'docker.io';
  let remainder = image;
  if (slash >= 0) {
    const first = image.slice(0, slash);
    if (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first) {
      domain = first;
      remainder = image.slice(slash + 1);
    }
  }
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (domain === 'docker.io' && !remainder.includes('/')) remainder = `library/${remainder}`;
  return { domain, remainder };
}

export interface ImageReference {
  /** The familiar name: "nginx", "user/app", "registry:5000/app". */
  familiar: string;
  tag?: string;
  digest?: string;
}

/** reference.ParseNormalizedNamed, reduced to what display needs; undefined where Go fails. */
export function parseImageReference(image: string): ImageReference | undefined {
  if (IMAGE_ID.test(image)) return undefined;
  const { domain, remainder } = splitDockerDomain(image);
  const nameEnd = remainder.search(/[:@]/);
  const repo = nameEnd >= 0 ? remainder.slice(0, nameEnd) : remainder;
  if (repo.toLowerCase() !== repo) return undefined;
  const m = REFERENCE.exec(`${domain}/${remainder}`);
  if (!m || m[1].length > NAME_TOTAL_LENGTH_MAX) return undefined;
  let path = m[1].slice(domain.length + 1);
  let familiar = m[1];
  if (domain === 'docker.io') {
    if (path.startsWith('library/') && !path.slice(8).includes('/')) path = path.slice(8);
    familiar = path;
  }
  return { familiar, tag: m[2], digest: m[3] };
}

/**
 * reference.ParseAnyReference's error for an image, or undefined when it parses (`no image
 * specified` for none): what loader.LoadComposefile reports as `invalid image reference for
 * service <key>: <error>`.
 */
export function validateImageReference(image: string): string | undefined {
  if (image === '') return 'no image specified';
  if (IMAGE_ID.test(image)) return undefined;
  if (new RegExp(`^${DIGEST}$`).test(image)) return undefined;
  const { domain, remainder } = splitDockerDomain(image);
  const tagSep = remainder.indexOf(':');
  const repo = tagSep >= 0 ? remainder.slice(0, tagSep) : remainder;
  if (repo.toLowerCase() !== repo) return `invalid reference format: repository name (${repo}) must be lowercase`;
  const m = REFERENCE.exec(`${domain}/${remainder}`);
  if (!m) return 'invalid reference format';
  if (m[1].length > NAME_TOTAL_LENGTH_MAX) return 'repository name must not be more than 255 characters';
  return undefined;
}

/** The Go client tags an untagged image reference with :latest (imageWithTagString). */
export function imageWithTag(image: string): string {
  if (image.includes('@')) return image;
  const lastSlash = image.lastIndexOf('/');
  return image.slice(lastSlash + 1).includes(':') ? image : `${image}:latest`;
}
