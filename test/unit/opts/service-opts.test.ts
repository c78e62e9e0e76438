// docker's option parsers for the service flags (docker/cli opts, opts/swarmopts), with the error
// causes pflag wraps as `invalid argument "V" for "--flag" flag: CAUSE`. Expectations are docker
// 28's (recorded in service-create-parse-errors and the update scenarios, or read from its source).
import { describe, expect, it } from 'vitest';
import { parseGoDuration } from '../../../src/go/time/duration.js';
import { positiveDuration } from '../../../src/opts/duration.js';
import { validateExtraHost } from '../../../src/opts/hosts.js';
import { parseMountOpt } from '../../../src/opts/mount.js';
import { parseNetworkOpt } from '../../../src/opts/network.js';
import { parseCPUs, parseIP, parseMemBytes, validateDNSSearch, validateIPAddress } from '../../../src/opts/opts.js';
import { parsePortOpt } from '../../../src/opts/port.js';
import { parseUlimit } from '../../../src/opts/ulimit.js';

const parsePositiveDuration = (v: string) => positiveDuration(parseGoDuration(v));

import { parseCredentialSpec, parseGenericResources, parsePlacementPref, toHealthConfig } from '../../../src/cli/service/opts.js';
import { parseUint, strconvParseFloat } from '../../../src/go/strconv/numerr.js';
import { ramInBytes } from '../../../src/go/units/parse-size.js';
import { effectiveCapAddCapDrop } from '../../../src/opts/capabilities.js';

describe('--publish (PortOpt)', () => {
  it('reads the short and the long form, filling protocol and mode', () => {
    expect(parsePortOpt('8080:80')).toEqual([{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'ingress' }]);
    expect(parsePortOpt('81')).toEqual([{ Protocol: 'tcp', TargetPort: 81, PublishedPort: 0, PublishMode: 'ingress' }]);
    expect(parsePortOpt('9000:9000/udp')[0].Protocol).toBe('udp');
    expect(parsePortOpt('published=7001,target=7000,mode=host')).toEqual([
      { Protocol: 'tcp', TargetPort: 7000, PublishedPort: 7001, PublishMode: 'host' },
    ]);
    expect(parsePortOpt('8000-8001:80-81').map((p) => `${p.PublishedPort}:${p.TargetPort}`)).toEqual(['8000:80', '8001:81']);
  });
  it.each([
    ['notaport', 'invalid containerPort: notaport'],
    ['80:80/bogus', 'invalid proto: bogus'],
    ['70000:80', 'invalid hostPort: 70000'],
    ['1.2.3.4:80:80', 'hostip is not supported'],
    ['published=x,target=80', 'invalid published port (x): value must be an integer: invalid syntax'],
    ['target=99999', 'invalid target port (99999): value must be an integer: value out of range'],
    ['mode=bogus,target=80', "invalid publish mode value (bogus): must be either 'ingress' or 'host'"],
    ['protocol=icmp,target=80', "invalid protocol value 'icmp'"],
    ['published=80', "missing mandatory field 'target'"],
    ['bogus=1,target=80', 'invalid field key: bogus'],
  ])('%s: %s', (value, cause) => {
    expect(() => parsePortOpt(value)).toThrow(cause);
  });
});

describe('--mount (MountOpt)', () => {
  it('builds mount.Mount, volume by default, options in the API order', () => {
    expect(parseMountOpt('type=tmpfs,target=/s,tmpfs-size=64m,tmpfs-mode=1770')).toEqual({
      Type: 'tmpfs',
      Target: '/s',
      TmpfsOptions: { SizeBytes: 67108864, Mode: 0o1770 },
    });
    expect(JSON.stringify(parseMountOpt('source=v,target=/d,volume-label=a=b,volume-nocopy,volume-driver=local'))).toBe(
      '{"Type":"volume","Source":"v","Target":"/d","VolumeOptions":{"NoCopy":true,"Labels":{"a":"b"},"DriverConfig":{"Name":"local"}}}',
    );
    expect(parseMountOpt('type=bind,src=/tmp,dst=/h,ro,bind-propagation=RPRIVATE')).toEqual({
      Type: 'bind',
      Source: '/tmp',
      Target: '/h',
      ReadOnly: true,
      BindOptions: { Propagation: 'rprivate' },
    });
    expect(parseMountOpt('type=bind,source=./data,target=/x', '/work').Source).toBe('/work/data');
  });
  it.each([
    ['source=/tmp', 'target is required'],
    ['target', "invalid field 'target' must be a key=value pair"],
    ['type=volume,target=/x,bind-propagation=rslave', "cannot mix 'bind-*' options with mount type 'volume'"],
    ['type=bind,source=/tmp,target=/x,volume-nocopy', "cannot mix 'volume-*' options with mount type 'bind'"],
    ['type=volume,target=/x,tmpfs-size=1m', "cannot mix 'tmpfs-*' options with mount type 'volume'"],
    ['type=tmpfs,target=/x,tmpfs-size=abc', 'invalid value for tmpfs-size: abc'],
    ['type=tmpfs,target=/x,tmpfs-mode=9', 'invalid value for tmpfs-mode: 9'],
    ['type=volume,target=/x,readonly=maybe', 'invalid value for readonly: maybe'],
    ['type=volume,target=/x,bogus=1', "unexpected key 'bogus' in 'bogus=1'"],
    [
      'type=bind,target=/x,bind-recursive=sideways',
      'invalid value for bind-recursive: sideways (must be "enabled", "disabled", "writable", or "readonly")',
    ],
    ['type=bind,target=/x,bind-recursive=writable', "option 'bind-recursive=writable' requires 'readonly' to be specified in conjunction"],
  ])('%s: %s', (value, cause) => {
    expect(() => parseMountOpt(value)).toThrow(cause);
  });
});

describe('--network (NetworkOpt)', () => {
  it('a name, or the long form lower-cased with aliases and driver options', () => {
    expect(parseNetworkOpt('Net_A')).toEqual({ Target: 'Net_A' });
    expect(parseNetworkOpt('name=Net_A,alias=X,alias=y,driver-opt=k=V')).toEqual({
      Target: 'net_a',
      Aliases: ['x', 'y'],
      DriverOpts: { k: 'v' },
    });
  });
  it.each([
    ['name=net_a,bogus=1', 'invalid field key bogus'],
    ['alias=x', 'network name/id is not specified'],
    ['name=n,driver-opt=novalue', 'invalid key value pair format in driver options'],
    ['name=n,gw-priority=x', 'invalid gw-priority (x): invalid syntax'],
  ])('%s: %s', (value, cause) => {
    expect(() => parseNetworkOpt(value)).toThrow(cause);
  });
});

describe('--ulimit (go-units ParseUlimit)', () => {
  it('soft[:hard], the hard limit defaulting to the soft one', () => {
    expect(parseUlimit('nofile=1024:2048')).toEqual({ Name: 'nofile', Hard: 2048, Soft: 1024 });
    expect(parseUlimit('nproc=512')).toEqual({ Name: 'nproc', Hard: 512, Soft: 512 });
  });
  it.each([
    ['nofile', 'invalid ulimit argument: nofile'],
    ['bogus=1', 'invalid ulimit type: bogus'],
    ['nofile=a:b', 'strconv.ParseInt: parsing "b": invalid syntax'],
    ['nofile=2048:1024', 'ulimit soft limit must be less than or equal to hard limit: 2048 > 1024'],
    ['nofile=-1:10', 'ulimit soft limit must be less than or equal to hard limit: soft: -1 (unlimited), hard: 10'],
    ['nofile=1:2:3', 'too many limit value arguments - 1:2:3, can only have up to two, `soft[:hard]`'],
  ])('%s: %s', (value, cause) => {
    expect(() => parseUlimit(value)).toThrow(cause);
  });
});

describe('opts.go and hosts.go validators', () => {
  it('--dns: an IP address, in Go canonical form', () => {
    expect(validateIPAddress(' 8.8.8.8 ')).toBe('8.8.8.8');
    expect(validateIPAddress('2001:DB8:0:0:0:0:0:1')).toBe('2001:db8::1');
    expect(parseIP('::ffff:1.2.3.4')).toBe('1.2.3.4');
    expect(() => validateIPAddress('notanip')).toThrow('IP address is not correctly formatted: notanip');
    expect(() => validateIPAddress('01.2.3.4')).toThrow('IP address is not correctly formatted: 01.2.3.4');
  });
  it('--dns-search: a domain, or "."', () => {
    expect(validateDNSSearch('example.com.')).toBe('example.com');
    expect(validateDNSSearch('.')).toBe('.');
    expect(() => validateDNSSearch('123')).toThrow('123 is not a valid domain');
  });
  it('--host: host:ip or host=ip, kept as host:ip', () => {
    expect(validateExtraHost('db.local=10.0.0.5')).toBe('db.local:10.0.0.5');
    expect(validateExtraHost('v6:[::1]')).toBe('v6:::1');
    expect(() => validateExtraHost('bad')).toThrow('bad format for add-host: "bad"');
    expect(() => validateExtraHost('name:notanip')).toThrow('invalid IP address in add-host: "notanip"');
  });
  it('--limit-cpu: a rational number of CPUs, to nano CPUs', () => {
    expect(parseCPUs('0.5')).toBe(500000000);
    expect(parseCPUs('1/4')).toBe(250000000);
    expect(() => parseCPUs('abc')).toThrow('failed to parse abc as a rational number');
    expect(() => parseCPUs('1.2.3')).toThrow('failed to parse 1.2.3 as a rational number');
    expect(() => parseCPUs('0.0000000001')).toThrow('value is too precise');
  });
  it('--limit-memory: go-units RAMInBytes', () => {
    expect(parseMemBytes('128M')).toBe(134217728);
    expect(ramInBytes('1.5GiB')).toBe(1610612736);
    expect(ramInBytes('64 k')).toBe(65536);
    expect(() => parseMemBytes('12Q')).toThrow("invalid suffix: 'q'");
    expect(() => parseMemBytes('abc')).toThrow("invalid size: 'abc'");
    expect(() => parseMemBytes('1.2.3m')).toThrow('strconv.ParseFloat: parsing "1.2.3": invalid syntax');
  });
  it('--health-interval: a duration that is not negative', () => {
    expect(parsePositiveDuration('1m30s')).toBe(90e9);
    expect(() => parsePositiveDuration('-1s')).toThrow('duration cannot be negative');
    expect(() => parsePositiveDuration('10')).toThrow('time: missing unit in duration "10"');
    expect(() => parsePositiveDuration('5x')).toThrow('time: unknown unit "x" in duration "5x"');
  });
  it('--cap-add/--cap-drop: normalized, deduplicated, sorted; adding wins; ALL stands alone', () => {
    expect(effectiveCapAddCapDrop(['net_admin', 'CAP_SYS_TIME', 'NET_ADMIN'], ['mknod', 'net_admin'])).toEqual({
      capAdd: ['CAP_NET_ADMIN', 'CAP_SYS_TIME'],
      capDrop: ['CAP_MKNOD'],
    });
    expect(effectiveCapAddCapDrop(['ALL', 'X'], ['RESET'])).toEqual({ capAdd: ['ALL'], capDrop: [] });
  });
});

describe("the service flags' own value types (cli/command/service/opts.go)", () => {
  it('--placement-pref: spread=<descriptor> only', () => {
    expect(parsePlacementPref('spread=node.labels.zone')).toEqual({ Spread: { SpreadDescriptor: 'node.labels.zone' } });
    expect(() => parsePlacementPref('spread')).toThrow('placement preference must be of the format "<strategy>=<arg>"');
    expect(() => parsePlacementPref('bogus=x')).toThrow('unsupported placement preference bogus (only spread is supported)');
  });
  it('--credential-spec: config://, file:// or registry://; empty is none', () => {
    expect(parseCredentialSpec('registry://spec')).toEqual({ Config: '', File: '', Registry: 'spec' });
    expect(parseCredentialSpec('')).toBeUndefined();
    expect(() => parseCredentialSpec('bogus://x')).toThrow(
      'invalid credential spec: value must be prefixed with "config://", "file://", or "registry://"',
    );
  });
  it('--generic-resource: discrete counts, by kind; named ones refused', () => {
    expect(parseGenericResources(['gpu=2', 'fpga=1'])).toEqual([
      { DiscreteResourceSpec: { Kind: 'fpga', Value: 1 } },
      { DiscreteResourceSpec: { Kind: 'gpu', Value: 2 } },
    ]);
    expect(() => parseGenericResources(['gpu=x'])).toThrow(
      'invalid generic-resource request `gpu=x`, Named Generic Resources is not supported for service create or update',
    );
  });
  it('the healthcheck flags: --no-healthcheck alone, or a check', () => {
    expect(toHealthConfig({ cmd: '', retries: 0, noHealthcheck: true })).toEqual({ Test: ['NONE'] });
    expect(toHealthConfig({ cmd: 'true', interval: 2e9, retries: 3, noHealthcheck: false })).toEqual({
      Test: ['CMD-SHELL', 'true'],
      Interval: 2e9,
      Retries: 3,
    });
    expect(toHealthConfig({ cmd: '', retries: 0, noHealthcheck: false })).toBeUndefined();
    expect(() => toHealthConfig({ cmd: 'true', retries: 0, noHealthcheck: true })).toThrow(
      '--no-healthcheck conflicts with --health-* options',
    );
  });
});

describe('strconv as the parsers call it', () => {
  it('ParseUint in a given base, with the NumError text', () => {
    expect(parseUint('1770', 8, 32)).toBe(0o1770n);
    expect(() => parseUint('9', 8, 32)).toThrow('strconv.ParseUint: parsing "9": invalid syntax');
    expect(() => parseUint('70000', 10, 16)).toThrow('strconv.ParseUint: parsing "70000": value out of range');
  });
  it('ParseFloat(s, 32): the float32, as Go prints it', () => {
    expect(strconvParseFloat('0.1', 32)).toBe(0.1);
    expect(strconvParseFloat('0.25', 32)).toBe(0.25);
    expect(() => strconvParseFloat('abc', 32)).toThrow('strconv.ParseFloat: parsing "abc": invalid syntax');
  });
});
