// docker/cli cli/compose/loader/volume.go ParseVolume: a short-syntax volume spec
// ("src:dst:ro"; a Windows drive letter does not end the source) split as docker splits it.

export interface ParsedVolume {
  type: string;
  source?: string;
  target?: string;
  readOnly?: boolean;
  bind?: { propagation?: string };
  volume?: { noCopy?: boolean };
}

const PROPAGATIONS = ['rprivate', 'private', 'rshared', 'shared', 'rslave', 'slave'];
const isLetter = (c: string) => /^\p{L}$/u.test(c);

export function parseVolume(spec: string): ParsedVolume {
  const chars = [...spec];
  if (spec.length === 0) throw new Error('invalid empty volume spec');
  if (spec.length <= 2) return { target: spec, type: 'volume' };
  const vol: ParsedVolume = { type: '' };
  let buffer: string[] = [];
  const END = '\u0000';
  const populate = (char: string): void => {
    const str = buffer.join('');
    if (buffer.length === 0) throw new Error('empty section between colons');
    if (!vol.source && char === END) {
      vol.target = str;
      return;
    }
    if (!vol.source) {
      vol.source = str;
      return;
    }
    if (!vol.target) {
      vol.target = str;
      return;
    }
    if (char === ':') throw new Error('too many colons');
    for (const option of str.split(',')) {
      if (option === 'ro') vol.readOnly = true;
      else if (option === 'rw') vol.readOnly = false;
      else if (option === 'nocopy') vol.volume = { noCopy: true };
      else if (PROPAGATIONS.includes(option)) vol.bind = { propagation: option };
    }
  };
  for (const char of [...chars, END]) {
    if (char === ':' && buffer.length === 1 && isLetter(buffer[0])) buffer.push(char);
    else if (char === ':' || char === END) {
      try {
        populate(char);
      } catch (err) {
        throw new Error(`invalid spec: ${spec}: ${(err as Error).message}`);
      }
      buffer = [];
    } else buffer.push(char);
  }
  vol.type = !vol.source ? 'volume' : isFilePath(vol.source) ? 'bind' : 'volume';
  if (vol.readOnly === false) delete vol.readOnly;
  return vol;
}

function isFilePath(source: string): boolean {
  if ('./~'.includes(source[0])) return true;
  const cps = [...source];
  if (cps.length === 1) return false;
  if (source.startsWith('\\\\')) return true;
  return isLetter(cps[0]) && source[cps[0].length] === ':';
}
