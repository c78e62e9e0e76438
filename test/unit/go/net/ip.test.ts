// net.ParseIP's accepted and refused forms (Go's net/ip_test.go parseIPTests, the cases tsecret meets).
import { describe, expect, it } from 'vitest';
import { parseIP } from '../../../../src/go/net/ip.js';

describe('net.ParseIP', () => {
  it.each([
    ['127.0.1.2', false, 0x7f000102n],
    ['10.0.0.0', false, 0x0a000000n],
    ['::', true, 0n],
    ['::1', true, 1n],
    ['2001:4860:0:2001::68', true, 0x20014860000020010000000000000068n],
    ['1:2:3:4:5:6:7:8', true, 0x00010002000300040005000600070008n],
    ['1::8', true, 0x00010000000000000000000000000008n],
    ['::ffff:127.1.2.3', true, 0xffff7f010203n],
    ['64:ff9b::1.2.3.4', true, 0x0064ff9b000000000000000001020304n],
  ])('reads %s', (s, v6, addr) => {
    expect(parseIP(s)).toEqual({ v6, addr });
  });

  it.each([
    '',
    '127.0.0.256',
    '127.0.0.1.1',
    '127.0.0',
    '010.0.0.1', // leading zeros are refused since Go 1.17
    '1.2.3.04',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7:8::', // "::" must stand for at least one group
    '1:2:3:4:5:6:7:8:9::', // more groups than fit (this used to throw a RangeError)
    '1::2::3',
    '12345::',
    '::1.2.3',
    '1.2.3.4::',
    'fe80::1%eth0',
    'a.b.c.d',
  ])('refuses %j', (s) => {
    expect(parseIP(s)).toBeUndefined();
  });
});
