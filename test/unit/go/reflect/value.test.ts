// The Go value model (reflect): the kind and type name Go gives a JS value.
import { describe, expect, it } from 'vitest';
import { GoFloat, goMap, goStruct, kindOf, typeName } from '../../../../src/go/reflect/value.js';

describe('helpers', () => {
  it('kindOf and typeName follow the value model', () => {
    expect(
      [undefined, null, true, 1, 1.5, new GoFloat(1), 's', [], {}, new Map(), goStruct('x.T', {}), goMap({}), () => 1].map(kindOf),
    ).toEqual(['invalid', 'nil', 'bool', 'int', 'float', 'float', 'string', 'slice', 'map', 'map', 'struct', 'map', 'func']);
    class Row {}
    expect(typeName(new Row())).toBe('Row');
    expect(typeName(goMap({}))).toBe('map[string]string');
  });
});

describe("[]byte (a config's Data)", () => {
  it('is a slice of uint8', () => {
    const hi = new Uint8Array([0x68, 0x69]);
    expect(kindOf(hi)).toBe('slice');
    expect(typeName(hi)).toBe('[]uint8');
  });
});
