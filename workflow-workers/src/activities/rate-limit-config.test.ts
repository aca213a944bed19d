import { effectiveRateLimit, rateLimitOverrides, rateLimitVariable } from './rate-limit-config';
import { connectorTaskQueue } from './rate-limit-queues';

const connectors = [{ name: 'email', rateLimit: { perSecond: 10 } }, { name: 'hub-spot' }];

describe('rate limit configuration', () => {
  it('names a variable per connector', () => {
    expect(rateLimitVariable('email')).toBe('TRIPLINE_EMAIL_RATE_PER_SECOND');
    expect(rateLimitVariable('hub-spot')).toBe('TRIPLINE_HUB_SPOT_RATE_PER_SECOND');
  });

  it('lets the environment override a declared limit, or set one', () => {
    const overrides = rateLimitOverrides({ TRIPLINE_EMAIL_RATE_PER_SECOND: '2', TRIPLINE_HUB_SPOT_RATE_PER_SECOND: '0.5' }, connectors);
    expect(overrides).toEqual({ email: 2, 'hub-spot': 0.5 });
    expect(effectiveRateLimit(connectors[0]!, overrides)).toBe(2);
    expect(effectiveRateLimit(connectors[0]!, {})).toBe(10);
    expect(effectiveRateLimit(connectors[1]!, {})).toBeUndefined();
  });

  it('refuses a value that is not a positive number, naming the variable', () => {
    expect(() => rateLimitOverrides({ TRIPLINE_EMAIL_RATE_PER_SECOND: 'fast' }, connectors)).toThrow(
      "TRIPLINE_EMAIL_RATE_PER_SECOND='fast' has rate limit perSecond NaN; it must be a positive number",
    );
    expect(() => rateLimitOverrides({ TRIPLINE_EMAIL_RATE_PER_SECOND: '0' }, connectors)).toThrow(/must be a positive number/);
  });

  it('derives connector task queues from the playbook queue', () => {
    expect(connectorTaskQueue('tripline-playbooks', 'email')).toBe('tripline-playbooks-connector-email');
  });
});
