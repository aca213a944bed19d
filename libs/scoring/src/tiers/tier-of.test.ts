import { DEFAULT_TIERS } from '../defaults/tiers';
import { tierOf } from './tier-of';

describe('tierOf', () => {
  const model = { tiers: [...DEFAULT_TIERS] };

  it.each([
    [0, 'Low'],
    [40, 'Low'],
    [40.99, 'Low'], // between 40 and 41: the lower tier
    [41, 'Medium'],
    [70, 'Medium'],
    [70.5, 'Medium'],
    [71, 'High'],
    [100, 'High'],
    [340, 'High'], // event scores have no ceiling: the last tier
  ])('puts %p in %s', (score, name) => {
    expect(tierOf(model, score)?.name).toBe(name);
  });

  it('has no tier below the first one, and reads tiers in ascending order whatever order they are listed in', () => {
    expect(tierOf(model, -0.01)).toBeNull();
    expect(tierOf({ tiers: [...DEFAULT_TIERS].reverse() }, 55)?.name).toBe('Medium');
    expect(tierOf({ tiers: [] }, 55)).toBeNull();
  });
});
