import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same text for the same value built in a different order', () => {
    const one = { actor: { userId: 'u' }, seq: 2, details: { changed: ['name'], version: 3 } };
    const two = { details: { version: 3, changed: ['name'] }, seq: 2, actor: { userId: 'u' } };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
  });

  it('writes scalars as JSON does, leaves out undefined members, and turns non-finite numbers into null', () => {
    expect(canonicalJson({ s: 'é"\n', n: 1.5, t: true, z: null, u: undefined, inf: Infinity })).toBe('{"inf":null,"n":1.5,"s":"é\\"\\n","t":true,"z":null}');
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
    expect(canonicalJson(new Date('2026-01-02T03:04:05.678Z'))).toBe('"2026-01-02T03:04:05.678Z"');
  });

  it('round-trips: parsing the text and writing it again changes nothing', () => {
    const text = canonicalJson({ list: [{ b: 2, a: 1 }], name: 'x', n: -0.25 });
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });
});
