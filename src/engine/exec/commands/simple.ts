/** echo (GNU, bash and dash flavours), true, false, hostname, env, printenv, whoami, pwd and id. */
import { complain, errnoText, groupName, passwd, quoteLocale, type Sys, userGroups, userName } from '../sys.js';
import { coreutilsVersion, getopt, helpUnavailable } from './getopt.js';

export type EchoDialect = 'gnu' | 'bash' | 'dash';

/** echo's output bytes for args (without the command name). */
export function echoBytes(args: string[], d: EchoDialect): Buffer {
  let newline = true;
  let escapes = d === 'dash';
  let i = 0;
  if (d === 'dash') {
    if (args[0] === '-n') {
      newline = false;
      i = 1;
    }
  } else {
    for (; i < args.length && /^-[neE]+$/.test(args[i]); i++) {
      for (const c of args[i].slice(1))
        if (c === 'n') newline = false;
        else escapes = c === 'e';
    }
  }
  const out: number[] = [];
  const text = args.slice(i).join(' ');
  if (!escapes) {
    return Buffer.concat([Buffer.from(text, 'latin1'), Buffer.from(newline ? '\n' : '')]);
  }
  const simple: Record<string, number> = { a: 7, b: 8, e: 27, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };
  if (d === 'bash') simple.E = 27;
  const isOct = (c: string | undefined) => c !== undefined && c >= '0' && c <= '7';
  const isHex = (c: string | undefined) => c !== undefined && /^[0-9a-fA-F]$/.test(c);
  for (let p = 0; p < text.length; p++) {
    const c = text[p];
    if (c !== '\\' || p + 1 >= text.length) {
      out.push(text.charCodeAt(p) & 255);
      continue;
    }
    const e = text[++p];
    if (e === 'c') return Buffer.from(out);
    if (e in simple) {
      out.push(simple[e]);
      continue;
    }
    if (e === '0' || (d !== 'bash' && isOct(e))) {
      // GNU: \0NNN and \NNN; dash: \0NNN and \NNN (3 digits in all); bash: \0NNN only.
      let v = 0;
      let n = 0;
      if (e !== '0') {
        v = e.charCodeAt(0) - 48;
        n = 1;
      }
      while (n < 3 && isOct(text[p + 1])) {
        v = v * 8 + text.charCodeAt(++p) - 48;
        n++;
      }
      out.push(v & 255);
      continue;
    }
    if (e === 'x' && d !== 'dash' && isHex(text[p + 1])) {
      let v = parseInt(text[++p], 16);
      if (isHex(text[p + 1])) v = v * 16 + parseInt(text[++p], 16);
      out.push(v);
      continue;
    }
    if ((e === 'u' || e === 'U') && d === 'bash' && isHex(text[p + 1])) {
      let h = '';
      while (h.length < (e === 'u' ? 4 : 8) && isHex(text[p + 1])) h += text[++p];
      const v = parseInt(h, 16);
      if (v < 0x80) out.push(v);
      else
        for (const ch of `\\${e}${v
          .toString(16)
          .toUpperCase()
          .padStart(e === 'u' ? 4 : 8, '0')}`)
          out.push(ch.charCodeAt(0));
      continue;
    }
    out.push(92, text.charCodeAt(p) & 255);
  }
  if (newline) out.push(10);
  return Buffer.from(out);
}

export function echo(args: string[], sys: Sys): number {
  if (args.length === 1 && args[0] === '--version') return coreutilsVersion(sys, 'echo', 'Written by Brian Fox and Chet Ramey.');
  if (args.length === 1 && args[0] === '--help') return helpUnavailable(sys, 'echo');
  sys.out(echoBytes(args, 'gnu'));
  return 0;
}

export function trueCmd(args: string[], sys: Sys): number {
  if (args.length === 1 && args[0] === '--version') return coreutilsVersion(sys, 'true', 'Written by Jim Meyering.');
  if (args.length === 1 && args[0] === '--help') return helpUnavailable(sys, 'true');
  return 0;
}
export function falseCmd(args: string[], sys: Sys): number {
  if (args.length === 1 && args[0] === '--version') coreutilsVersion(sys, 'false', 'Written by Jim Meyering.');
  if (args.length === 1 && args[0] === '--help') helpUnavailable(sys, 'false');
  return 1;
}

/** hostname(1) from Debian's hostname 3.23 package. */
export function hostname(args: string[], sys: Sys): number {
  const p = getopt(
    args,
    {
      short: 'aAbdfF:hiIsVy',
      long: {
        alias: ['none', 'a'],
        'all-fqdns': ['none', 'A'],
        boot: ['none', 'b'],
        domain: ['none', 'd'],
        fqdn: ['none', 'f'],
        long: ['none', 'f'],
        file: ['required', 'F'],
        help: ['none', 'h'],
        'ip-address': ['none', 'i'],
        'all-ip-addresses': ['none', 'I'],
        short: ['none', 's'],
        version: ['none', 'V'],
        yp: ['none', 'y'],
        nis: ['none', 'y'],
      },
    },
    { ...sys, err: () => undefined },
  );
  if ('failed' in p) {
    const bad = args.find((a) => a.startsWith('-')) ?? '';
    complain(sys, bad.startsWith('--') ? `unrecognized option '${bad}'` : `invalid option -- '${bad.slice(1, 2)}'`);
    sys.out(HOSTNAME_USAGE);
    return 255;
  }
  const keys = p.opts.map((o) => o.key);
  if (keys.includes('V')) {
    sys.out('hostname 3.23\n');
    return 0;
  }
  if (keys.includes('h')) {
    sys.out(HOSTNAME_USAGE);
    return 0;
  }
  if (p.operands.length > 0 || keys.includes('F')) {
    complain(sys, 'you must be root to change the host name');
    return 1;
  }
  if (keys.includes('s')) sys.out(`${sys.hostname.split('.')[0]}\n`);
  else if (keys.includes('d') || keys.includes('y')) sys.out(keys.includes('y') ? '' : '\n');
  else if (keys.some((k) => 'aAfiI'.includes(k))) {
    complain(sys, `option -${keys.find((k) => 'aAfiI'.includes(k))} is not supported by tsecret's simulated container`);
    return 1;
  } else sys.out(`${sys.hostname}\n`);
  return 0;
}

const HOSTNAME_USAGE = `Usage: hostname [-b] {hostname|-F file}         set host name (from file)
       hostname [-a|-A|-d|-f|-i|-I|-s|-y]       display formatted name
       hostname                                 display host name

       {yp,nis,}domainname {nisdomain|-F file}  set NIS domain name (from file)
       {yp,nis,}domainname                      display NIS domain name

       dnsdomainname                            display dns domain name

       hostname -V|--version|-h|--help          print info and exit

Program name:
       {yp,nis,}domainname=hostname -y
       dnsdomainname=hostname -d

Program options:
    -a, --alias            alias names
    -A, --all-fqdns        all long host names (FQDNs)
    -b, --boot             set default hostname if none available
    -d, --domain           DNS domain name
    -f, --fqdn, --long     long host name (FQDN)
    -F, --file             read host name or NIS domain name from given file
    -i, --ip-address       addresses for the host name
    -I, --all-ip-addresses all addresses for the host
    -s, --short            short host name
    -y, --yp, --nis        NIS/YP domain name

Description:
   This command can get or set the host name or the NIS domain name. You can
   also get the DNS domain or the FQDN (fully qualified domain name).
   Unless you are using bind or NIS for host lookups you can change the
   FQDN (Fully Qualified Domain Name) and the DNS domain name (which is
   part of the FQDN) in the /etc/hosts file.
`;

/** GNU env 9.1: -i, -u, -0, -C, -v, NAME=VALUE and COMMAND. */
export function env(args: string[], sys: Sys): number {
  const p = getopt(
    args,
    {
      short: 'C:iS:u:v0',
      permute: false,
      long: {
        'ignore-environment': ['none', 'i'],
        null: ['none', '0'],
        unset: ['required', 'u'],
        chdir: ['required', 'C'],
        debug: ['none', 'v'],
        'split-string': ['required', 'S'],
        help: ['none', 'help'],
        version: ['none', 'version'],
      },
    },
    sys,
  );
  if ('failed' in p) return 125;
  let vars: Record<string, string> = { ...sys.env };
  let nul = false;
  let chdir: string | undefined;
  let debug = false;
  for (const o of p.opts) {
    switch (o.key) {
      case 'help':
        return helpUnavailable(sys, 'env');
      case 'version':
        return coreutilsVersion(sys, 'env', 'Written by Richard Mlynarik, David MacKenzie, and Assaf Gordon.');
      case 'i':
        vars = {};
        break;
      case '0':
        nul = true;
        break;
      case 'v':
        debug = true;
        break;
      case 'C':
        chdir = o.value;
        break;
      case 'S':
        complain(sys, "-S is not supported by tsecret's simulated container");
        return 125;
      case 'u':
        if (o.value === '' || o.value!.includes('=')) {
          complain(sys, `cannot unset ${quoteLocale(o.value!)}: Invalid argument`);
          return 125;
        }
        delete vars[o.value!];
        break;
    }
  }
  let ops = p.operands;
  if (ops[0] === '-') {
    vars = {};
    ops = ops.slice(1);
  }
  let i = 0;
  for (; i < ops.length && ops[i].includes('='); i++) {
    const eq = ops[i].indexOf('=');
    if (eq === 0) break;
    const k = ops[i].slice(0, eq);
    delete vars[k];
    vars[k] = ops[i].slice(eq + 1);
  }
  const cmd = ops.slice(i);
  if (cmd.length === 0) {
    if (chdir !== undefined) {
      complain(sys, 'must specify command with --chdir (-C)');
      sys.err(`Try '${sys.prog} --help' for more information.\n`);
      return 125;
    }
    sys.out(
      Object.entries(vars)
        .map(([k, v]) => `${k}=${v}${nul ? '\0' : '\n'}`)
        .join(''),
    );
    return 0;
  }
  if (nul) {
    complain(sys, 'cannot specify --null (-0) with command');
    sys.err(`Try '${sys.prog} --help' for more information.\n`);
    return 125;
  }
  const child = { cwd: sys.cwd };
  if (chdir !== undefined) {
    const r = sys.fs.resolve(chdir, sys.cwd, sys.cred);
    if (r.err || !r.node || r.node.kind !== 'dir') {
      complain(sys, `cannot change directory to ${quoteLocale(chdir)}: ${errnoText(r.err ?? 'ENOTDIR')}`);
      return 125;
    }
    child.cwd = r.abs;
  }
  if (debug) sys.err(`executing: ${cmd[0]}\n${cmd.map((a, n) => `   arg[${n}]= ${quoteLocale(a)}\n`).join('')}`);
  const r = sys.exec(cmd, vars, child.cwd);
  if ('code' in r) return r.code;
  complain(sys, `${quoteLocale(cmd[0])}: ${errnoText(r.errno === 'EISDIR' ? 'EACCES' : r.errno)}`);
  return r.errno === 'ENOENT' ? 127 : 126;
}

/** GNU whoami 9.1. */
export function whoami(args: string[], sys: Sys): number {
  const p = getopt(args, { short: '', long: { help: ['none', 'help'], version: ['none', 'version'] } }, sys);
  if ('failed' in p) return 1;
  if (p.opts.some((o) => o.key === 'help')) return helpUnavailable(sys, 'whoami');
  if (p.opts.some((o) => o.key === 'version')) return coreutilsVersion(sys, 'whoami', 'Written by Richard Mlynarik.');
  if (p.operands.length) {
    complain(sys, `extra operand ${quoteLocale(p.operands[0])}`);
    sys.err(`Try '${sys.prog} --help' for more information.\n`);
    return 1;
  }
  const name = userName(sys.fs, sys.cred.uid);
  if (name === undefined) {
    complain(sys, `cannot find name for user ID ${sys.cred.uid}`);
    return 1;
  }
  sys.out(`${name}\n`);
  return 0;
}

/** GNU pwd 9.1 (-P by default; there are no symlinks, so -L prints the same). */
export function pwd(args: string[], sys: Sys): number {
  const p = getopt(
    args,
    { short: 'LP', long: { logical: ['none', 'L'], physical: ['none', 'P'], help: ['none', 'help'], version: ['none', 'version'] } },
    sys,
  );
  if ('failed' in p) return 1;
  if (p.opts.some((o) => o.key === 'help')) return helpUnavailable(sys, 'pwd');
  if (p.opts.some((o) => o.key === 'version')) return coreutilsVersion(sys, 'pwd', 'Written by Jim Meyering.');
  if (p.operands.length) complain(sys, 'ignoring non-option arguments');
  sys.out(`${sys.cwd}\n`);
  return 0;
}

/** GNU printenv 9.1. */
export function printenv(args: string[], sys: Sys): number {
  const p = getopt(args, { short: '0', long: { null: ['none', '0'], help: ['none', 'help'], version: ['none', 'version'] } }, sys);
  if ('failed' in p) return 2;
  let nul = false;
  for (const o of p.opts) {
    if (o.key === 'help') return helpUnavailable(sys, 'printenv');
    if (o.key === 'version') return coreutilsVersion(sys, 'printenv', 'Written by David MacKenzie and Richard Mlynarik.');
    if (o.key === '0') nul = true;
  }
  const end = nul ? '\0' : '\n';
  if (p.operands.length === 0) {
    sys.out(
      Object.entries(sys.env)
        .map(([k, v]) => `${k}=${v}${end}`)
        .join(''),
    );
    return 0;
  }
  let missing = 0;
  for (const name of p.operands) {
    if (!name.includes('=') && Object.hasOwn(sys.env, name)) sys.out(sys.env[name] + end);
    else missing++;
  }
  return missing ? 1 : 0;
}

/** GNU id 9.1: default format, -u -g -G with -n -r -z, and USER operands. */
export function id(args: string[], sys: Sys): number {
  const p = getopt(
    args,
    {
      short: 'agnruzGZ',
      long: {
        context: ['none', 'Z'],
        group: ['none', 'g'],
        groups: ['none', 'G'],
        name: ['none', 'n'],
        real: ['none', 'r'],
        user: ['none', 'u'],
        zero: ['none', 'z'],
        help: ['none', 'help'],
        version: ['none', 'version'],
      },
    },
    sys,
  );
  if ('failed' in p) return 1;
  const k = new Set(p.opts.map((o) => o.key));
  if (k.has('help')) return helpUnavailable(sys, 'id');
  if (k.has('version')) return coreutilsVersion(sys, 'id', 'Written by Arnold Robbins and David MacKenzie.');
  if (k.has('Z')) {
    complain(sys, '--context (-Z) works only on an SELinux-enabled kernel');
    return 1;
  }
  const only = ['u', 'g', 'G'].filter((c) => k.has(c)).length;
  if (only > 1) {
    complain(sys, 'cannot print "only" of more than one choice');
    return 1;
  }
  if (only === 0 && (k.has('n') || k.has('r'))) {
    complain(sys, 'cannot print only names or real IDs in default format');
    return 1;
  }
  if (only === 0 && k.has('z')) {
    complain(sys, 'option --zero not permitted in default format');
    return 1;
  }
  const users = p.operands.length ? p.operands : [null];
  let status = 0;
  for (const u of users) {
    let uid = sys.cred.uid,
      gid = sys.cred.gid,
      gids = sys.cred.groups;
    if (u !== null) {
      const db = passwd(sys.fs);
      const ent = db.find((e) => e.name === u) ?? (/^\+?\d+$/.test(u) ? db.find((e) => e.uid === Number(u)) : undefined);
      if (!ent) {
        complain(sys, `${quoteLocale(u)}: no such user`);
        status = 1;
        continue;
      }
      uid = ent.uid;
      gid = ent.gid;
      gids = userGroups(sys.fs, ent.name, ent.gid);
    }
    const uname = userName(sys.fs, uid);
    const gname = (g: number) => groupName(sys.fs, g);
    const sep = k.has('z') ? '\0' : ' ';
    const nameOr = (name: string | undefined, n: number, what: string) => {
      if (name === undefined) {
        complain(sys, `cannot find name for ${what} ID ${n}`);
        status = 1;
        return String(n);
      }
      return name;
    };
    if (k.has('u')) sys.out(`${k.has('n') ? nameOr(uname, uid, 'user') : uid}${k.has('z') ? '\0' : '\n'}`);
    else if (k.has('g')) sys.out(`${k.has('n') ? nameOr(gname(gid), gid, 'group') : gid}${k.has('z') ? '\0' : '\n'}`);
    else if (k.has('G')) {
      const list = [gid, ...gids.filter((g) => g !== gid)];
      sys.out(list.map((g) => (k.has('n') ? nameOr(gname(g), g, 'group') : String(g))).join(sep) + (k.has('z') ? '\0' : '\n'));
    } else {
      const fmt = (n: number, name: string | undefined) => (name === undefined ? `${n}` : `${n}(${name})`);
      const list = [gid, ...gids.filter((g) => g !== gid)];
      sys.out(`uid=${fmt(uid, uname)} gid=${fmt(gid, gname(gid))} groups=${list.map((g) => fmt(g, gname(g))).join(',')}\n`);
    }
  }
  return status;
}
