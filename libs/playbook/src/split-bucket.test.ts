import { bucketOf, chooseSplitPort, fnv1a32, variantForBucket } from './split-bucket';

describe('fnv1a32', () => {
  it('matches the published FNV-1a 32-bit test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('hashes the UTF-8 bytes of non-ASCII text', () => {
    // "é" is the bytes c3 a9; "😀" is f0 9f 98 80. Computed by hand from the FNV-1a definition.
    const byHand = (bytes: number[]) => bytes.reduce((hash, byte) => Math.imul(hash ^ byte, 0x01000193) >>> 0, 0x811c9dc5);
    expect(fnv1a32('é')).toBe(byHand([0xc3, 0xa9]));
    expect(fnv1a32('😀')).toBe(byHand([0xf0, 0x9f, 0x98, 0x80]));
    expect(fnv1a32('ß€')).toBe(byHand([0xc3, 0x9f, 0xe2, 0x82, 0xac]));
  });
});

describe('bucketOf', () => {
  it('is deterministic and within 0..99', () => {
    for (let index = 0; index < 500; index += 1) {
      const bucket = bucketOf(`user-${index}`, 'split-1');
      expect(bucket).toBe(bucketOf(`user-${index}`, 'split-1'));
      expect(Number.isInteger(bucket)).toBe(true);
      expect(bucket).toBeGreaterThanOrEqual(0);
      expect(bucket).toBeLessThan(100);
    }
  });

  it('spreads subjects roughly evenly', () => {
    const counts = new Array<number>(10).fill(0);
    for (let index = 0; index < 10_000; index += 1) counts[Math.floor(bucketOf(`user-${index}`, 'split') / 10)]! += 1;
    for (const count of counts) expect(count).toBeGreaterThan(850);
    for (const count of counts) expect(count).toBeLessThan(1150);
  });

  it('depends on the node, so two splits are not correlated', () => {
    let same = 0;
    for (let index = 0; index < 1000; index += 1) if (bucketOf(`u${index}`, 'a') === bucketOf(`u${index}`, 'b')) same += 1;
    expect(same).toBeLessThan(50);
  });
});

describe('variants', () => {
  const variants = [
    { port: 'A', percent: 20 },
    { port: 'B', percent: 30 },
    { port: 'C', percent: 50 },
  ];

  it('gives each variant a consecutive bucket range', () => {
    expect(variantForBucket(variants, 0)).toBe('A');
    expect(variantForBucket(variants, 19)).toBe('A');
    expect(variantForBucket(variants, 20)).toBe('B');
    expect(variantForBucket(variants, 49)).toBe('B');
    expect(variantForBucket(variants, 50)).toBe('C');
    expect(variantForBucket(variants, 99)).toBe('C');
  });

  it('returns undefined when percentages do not cover the bucket', () => {
    expect(variantForBucket([{ port: 'A', percent: 40 }], 40)).toBeUndefined();
  });

  it('chooses the port of the subject bucket', () => {
    const step = { kind: 'split' as const, variants };
    const subject = 'person-42';
    expect(chooseSplitPort(step, subject, 'ab')).toBe(variantForBucket(variants, bucketOf(subject, 'ab')));
    const share = Array.from({ length: 2000 }, (_, index) => chooseSplitPort(step, `p${index}`, 'ab')).filter((port) => port === 'C').length;
    expect(share).toBeGreaterThan(900);
    expect(share).toBeLessThan(1100);
  });
});
