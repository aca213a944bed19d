import { z } from 'zod';
import { defineAction, defineConnector, noAuth } from '@tripline/connector-sdk';
import { acmeContractSpec } from '../test-support/acme-contract-spec';
import { contractChecks } from './contract-checks';

// Each test plants one flaw in the Acme connector and shows the check that must catch it does,
// naming the connector, the action or trigger, and what broke.
describe('the contract checks catch broken connectors', () => {
  it('an action whose output does not match its output schema', async () => {
    expect(await contractChecks.actionRuns(acmeContractSpec(), 'createTask')).toEqual([]);
    const problems = await contractChecks.actionRuns(acmeContractSpec({ outputMismatch: true }), 'createTask');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^acme: action 'createTask': output does not match its output schema: id: /);
  });

  it('a polling trigger that drops records at equal timestamps', async () => {
    const problems = await contractChecks.pollsDeliverOnce(acmeContractSpec({ exclusiveCursor: true }), 'activityCreated');
    expect(problems).toEqual([expect.stringMatching(/^acme: trigger 'activityCreated': lost 'acme:act_e' of 5 seeded record\(s\) over 2 poll\(s\)/)]);
  });

  it('an error mapping that turns a 429 into a plain Error', async () => {
    const spec = acmeContractSpec({ plainErrorOn429: true });
    const problems = await contractChecks.errorMapping(spec, { action: 'createTask' }, 'rateLimited');
    expect(problems).toEqual([
      expect.stringMatching(/^acme: action 'createTask' threw a plain Error: Acme said 429: .* when the vendor answers 429; expected RateLimitedError$/),
    ]);
    expect(await contractChecks.errorMapping(spec, { trigger: 'activityCreated' }, 'rateLimited')).toEqual([
      expect.stringMatching(/^acme: trigger 'activityCreated' threw a plain Error/),
    ]);
    // The other faults still map correctly: the check is specific to what broke.
    expect(await contractChecks.errorMapping(spec, { action: 'createTask' }, 'unauthorized')).toEqual([]);
  });

  it('a rate limit reported with a delay other than the vendor asked for', async () => {
    const spec = acmeContractSpec();
    spec.faults!.rateLimited!.retryAfterMs = 60_000;
    expect(await contractChecks.errorMapping(spec, { action: 'createTask' }, 'rateLimited')).toEqual([
      "acme: action 'createTask': RateLimitedError.retryAfterMs is 9000, but the vendor said to wait 60000 ms (Retry-After: 9)",
    ]);
  });

  it('an error message that repeats the API key', async () => {
    const problems = await contractChecks.errorMapping(acmeContractSpec({ leakTokenInErrors: true }), { action: 'createTask' }, 'serverError');
    expect(problems).toEqual(["acme: action 'createTask': its error message when the vendor answers 500 repeats the secret field(s) apiKey"]);
  });

  it('an auth test that accepts any credentials', async () => {
    const spec = acmeContractSpec({ authAlwaysOk: true });
    expect(await contractChecks.authRefusesBad(spec)).toEqual(['acme: auth test accepted the bad connection (ok: true)']);
    expect(await contractChecks.authAcceptsGood(spec)).toEqual([
      'acme: auth test passed without calling the fake vendor: it must check the credentials with the vendor',
    ]);
  });

  it('an undo that fails when retried', async () => {
    const problems = await contractChecks.undo(acmeContractSpec({ undoNotRetryable: true }), 'createTask');
    expect(problems).toEqual([expect.stringMatching(/^acme: action 'createTask': retried undo failed against the fake vendor: NonRetryableError: DELETE \/v1\/tasks\/task_1 answered 404/)]);
  });

  it('item ids that change between polls of the same checkpoint', async () => {
    const problems = await contractChecks.pollReplayStable(acmeContractSpec({ unstableIds: true }), 'activityCreated');
    expect(problems[0]).toMatch(/^acme: trigger 'activityCreated': the first poll repeated from the same checkpoint gave different items/);
  });

  it('a vendor with a rate limit but no declared rateLimit', () => {
    expect(contractChecks.rateLimitDeclared(acmeContractSpec({ noRateLimit: true }))).toEqual([
      'acme: the vendor has a rate limit (the spec gives its 429 answer) but the connector declares no rateLimit',
    ]);
  });

  it('a spec that leaves an action or trigger out, or names one the connector lacks', () => {
    const spec = acmeContractSpec();
    spec.actions = { createNote: { input: () => ({}) } };
    spec.triggers = {};
    expect(contractChecks.coverage(spec)).toEqual([
      "acme: the contract spec has no sample input for action(s) 'createTask'",
      "acme: the contract spec names action 'createNote', which the connector does not declare",
      "acme: the contract spec does not seed polling trigger(s) 'activityCreated'",
    ]);
  });

  it('a seed too small to test equal timestamps and pages', async () => {
    const spec = acmeContractSpec();
    spec.triggers!.activityCreated!.seed = async (fake) => {
      fake.activities.push({ id: 'only', at: '2026-01-05T09:00:00.000Z', userId: 'u1', event: 'Signed Up' });
    };
    expect(await contractChecks.pollsDeliverOnce(spec, 'activityCreated')).toEqual([
      "acme: trigger 'activityCreated': no two delivered items share a timestamp; the seed must create at least two so the contract can test them",
      "acme: trigger 'activityCreated': the polls read a single page; the seed must create more than one page of records",
    ]);
  });

  it('schemas the designer cannot render', () => {
    const when = defineAction({
      name: 'schedule',
      displayName: 'Schedule',
      description: 'x',
      effect: 'read',
      input: z.object({ at: z.date() }),
      output: z.string(),
      run: async () => 'ok',
    });
    const connector = defineConnector({ name: 'calendar', version: '1.0.0', displayName: 'Calendar', auth: noAuth(), actions: [when] });
    expect(contractChecks.schemas(connector)).toEqual([
      expect.stringMatching(/^calendar: action 'schedule' input schema does not export as JSON Schema: /),
      "calendar: action 'schedule' output schema must be an object schema, or a union of them (JSON Schema type 'string')",
    ]);
    // A form with variants is fine: a union of objects.
    const variants = defineAction({
      name: 'variants',
      displayName: 'Variants',
      description: 'x',
      effect: 'read',
      input: z.union([z.object({ a: z.string() }), z.object({ b: z.number() })]),
      output: z.object({}),
      run: async () => ({}),
    });
    expect(contractChecks.schemas({ ...connector, actions: [variants] })).toEqual([]);
  });
});
