import { roundScore } from './score-at';

describe('roundScore', () => {
  it('rounds to two decimals', () => {
    expect(roundScore(75)).toBe(75);
    expect(roundScore(4.8861)).toBe(4.89);
    expect(roundScore(-0.001)).toBe(0);
    expect(Object.is(roundScore(-0.001), 0)).toBe(true);
  });

  it.each([
    [513.5914967330382, 694.2726032616939, 0.0009000052679084547],
    [887.7460167105422, 653.0944866601451, 0.004496629312711775],
    [320.6161514402055, 769.1268592238009, 0.00198933599369866],
  ])('shows the same score for %f + %f + %f summed in either order', (a, b, c) => {
    const oneOrder = a + b + c;
    const otherOrder = a + c + b;
    // The two sums differ in their last bits, on a half-cent boundary.
    expect(oneOrder).not.toBe(otherOrder);
    expect(Math.round(oneOrder * 100)).not.toBe(Math.round(otherOrder * 100));
    expect(roundScore(oneOrder)).toBe(roundScore(otherOrder));
  });
});
