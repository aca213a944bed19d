import { demoRequestFollowUp } from '@tripline/playbook';
import { connectionHealth } from './connection-health';
import { effectiveRate, rateLimitVariable } from './rate-limits';
import { connectionOfStep, nodeIdOfStep } from './step-connections';

describe('connectionOfStep', () => {
  it("finds an action step's connection, also for its undo steps", () => {
    expect(connectionOfStep(demoRequestFollowUp, 'send-confirmation')).toBe('default-email');
    expect(connectionOfStep(demoRequestFollowUp, 'send-confirmation:undo')).toBe('default-email');
    expect(connectionOfStep(demoRequestFollowUp, 'send-confirmation:undo:3')).toBe('default-email');
    expect(nodeIdOfStep('a:b:undo:2')).toBe('a:b');
  });

  it('has none for other steps, unknown steps or a missing snapshot', () => {
    expect(connectionOfStep(demoRequestFollowUp, 'has-email')).toBeNull();
    expect(connectionOfStep(demoRequestFollowUp, 'gone')).toBeNull();
    expect(connectionOfStep(undefined, 'send-confirmation')).toBeNull();
  });
});

describe('connectionHealth', () => {
  const at = new Date('2026-01-01T00:00:00Z');
  it('is ok without a quota, low under 10 % left, exhausted at 0, and missing without the connector', () => {
    expect(connectionHealth({ connectorInstalled: true, quota: null })).toEqual({ health: 'ok', note: null });
    expect(connectionHealth({ connectorInstalled: true, quota: { remaining: 100, limit: 1000, period: 'day', observedAt: at } }).health).toBe('ok');
    expect(connectionHealth({ connectorInstalled: true, quota: { remaining: 99, limit: 1000, period: '24h', observedAt: at } })).toEqual({
      health: 'quotaLow',
      note: 'The vendor reported 99 of 1000 calls left (in the last 24 hours)',
    });
    expect(connectionHealth({ connectorInstalled: true, quota: { remaining: 0, limit: null, period: 'day', observedAt: at } }).health).toBe('quotaExhausted');
    expect(connectionHealth({ connectorInstalled: false, quota: { remaining: 0, limit: 5, period: 'day', observedAt: at } }).health).toBe('connectorMissing');
  });
});

describe('effectiveRate', () => {
  it('prefers a valid override from the environment, else the declaration', () => {
    const connector = { name: 'my-crm', rateLimit: { perSecond: 5 } };
    expect(rateLimitVariable('my-crm')).toBe('TRIPLINE_MY_CRM_RATE_PER_SECOND');
    expect(effectiveRate(connector, 'my-crm', {})).toEqual({ perSecond: 5, source: 'declared' });
    expect(effectiveRate(connector, 'my-crm', { TRIPLINE_MY_CRM_RATE_PER_SECOND: '0.5' })).toEqual({ perSecond: 0.5, source: 'override' });
    expect(effectiveRate(connector, 'my-crm', { TRIPLINE_MY_CRM_RATE_PER_SECOND: 'fast' })).toEqual({ perSecond: 5, source: 'declared' });
    expect(effectiveRate(undefined, 'gone', {})).toEqual({ perSecond: null, source: null });
  });
});
