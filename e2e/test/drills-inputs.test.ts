/**
 * The short version of the input drills (drills/src, `npm run drills` runs them at full size and
 * writes docs/reliability.md): hostile request bodies at ingest and GraphQL, hostile templates and
 * conditions, webhook signature vectors, SSRF targets, GraphQL abuse. Each drill reports what it did
 * and what got through; the test fails naming every guarantee that did not hold.
 */
import { failuresOf, graphqlAbuseDrill, hostileRequestsDrill, hostileTemplatesDrill, runDrill, ssrfDrill, webhookSignaturesDrill, type Drill } from '../../drills/src';

jest.setTimeout(180_000);

const quiet = () => undefined;

describe.each<[string, Drill]>([
  ['4 hostile request bodies', hostileRequestsDrill],
  ['5 hostile templates and conditions', hostileTemplatesDrill],
  ['6 webhook signature vectors', webhookSignaturesDrill],
  ['7 SSRF targets', ssrfDrill],
  ['8 GraphQL abuse', graphqlAbuseDrill],
])('drill %s (short)', (_name, drill) => {
  it('loses nothing', async () => {
    const result = await runDrill(drill, { size: 'short', log: quiet });
    expect(failuresOf(result)).toEqual([]);
    expect(result.passed).toBe(true);
  });
});
