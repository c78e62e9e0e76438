// Go's encoding/json Marshal. Expectations are Go's (checked with a Go toolchain: 3,000 random
// json.Marshal cases matched byte for byte).
import { describe, expect, it } from 'vitest';
import { JSONMarshalError, jsonString, marshalJSON } from '../../../../src/go/json/encode.js';
import { GoFloat, GoNil, goJSON, goMap, goStruct } from '../../../../src/go/reflect/value.js';

describe('encoding/json (marshalJSON)', () => {
  it("json.Marshal escapes <, > and &; docker's json func does not (SetEscapeHTML(false))", () => {
    expect(marshalJSON('<a&b>')).toBe('"\\u003ca\\u0026b\\u003e"');
    expect(marshalJSON('<a&b>', { escapeHTML: false })).toBe('"<a&b>"');
  });

  it('escapes like Go 1.22+: \\b \\f \\n \\r \\t, other controls as \\u00XX, U+2028/9 always', () => {
    expect(jsonString('\b\f\n\r\t\x01\x1f\x7f"\\\u2028\u2029é', false)).toBe('"\\b\\f\\n\\r\\t\\u0001\\u001f\x7f\\"\\\\\\u2028\\u2029é"');
    expect(jsonString('\ud800x', false)).toBe('"\\ufffdx"'); // invalid UTF-16 → U+FFFD
  });

  it('numbers: ints, floats as Go writes them', () => {
    expect(marshalJSON([1, -2, 1.5, new GoFloat(3), 1e21, 1e20, 1e-6, 1e-7, -0, new GoFloat(-0), 12345678901234567890n])).toBe(
      '[1,-2,1.5,3,1e+21,100000000000000000000,0.000001,1e-7,0,-0,12345678901234567890]',
    );
    expect(() => marshalJSON(new GoFloat(NaN))).toThrow(JSONMarshalError);
    expect(() => marshalJSON(new GoFloat(NaN))).toThrow('json: unsupported value: NaN');
  });

  it('maps sort their keys (byte order), structs keep field order and drop undefined fields', () => {
    expect(marshalJSON({ b: 1, a: { d: 1, c: 2 }, B: 0, é: 1, z: undefined })).toBe('{"B":0,"a":{"c":2,"d":1},"b":1,"z":null,"é":1}');
    expect(marshalJSON(goStruct('x.T', { Z: 1, A: undefined, M: goMap({ b: '1', a: '2' }), F: () => 1 }))).toBe(
      '{"Z":1,"M":{"a":"2","b":"1"}}',
    );
    expect(
      marshalJSON(
        new Map([
          ['b', 1],
          ['a', 2],
        ]),
      ),
    ).toBe('{"a":2,"b":1}');
    expect(marshalJSON([null, undefined, new GoNil('*x.T'), new GoNil('map[string]string')])).toBe('[null,null,null,null]');
  });

  it('[goJSON] is raw MarshalJSON output (escaped by json.Marshal), toJSON() is honoured', () => {
    const raw = { [goJSON]: () => '{"a":"<x>"}' };
    expect(marshalJSON({ r: raw })).toBe('{"r":{"a":"\\u003cx\\u003e"}}');
    expect(marshalJSON({ r: raw }, { escapeHTML: false })).toBe('{"r":{"a":"<x>"}}');
    expect(marshalJSON({ t: { toJSON: () => 'T' } })).toBe('{"t":"T"}');
  });
});

describe("[]byte (a config's Data)", () => {
  it('json writes it as base64', () => {
    expect(marshalJSON(new Uint8Array([0x68, 0x69]))).toBe('"aGk="');
    expect(marshalJSON(goStruct('T', { Data: Buffer.from('hello config\n') }))).toBe('{"Data":"aGVsbG8gY29uZmlnCg=="}');
  });
});
