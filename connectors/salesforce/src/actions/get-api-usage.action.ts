import { defineAction } from '@tripline/connector-sdk';
import { z } from 'zod';
import { salesforceClient } from '../api/salesforce-client';
import { salesforceAuth } from '../auth/salesforce-auth';
import { apiUsageOutput } from './action-schemas';

export const getApiUsageOutput = z.object({
  /** DailyApiRequests from the limits resource. */
  dailyApiRequests: z.object({ max: z.number().int(), remaining: z.number().int(), used: z.number().int() }),
  /** Share of the allocation used, 0–100. */
  percentUsed: z.number(),
  apiUsage: apiUsageOutput,
});

/** A connection's API budget (GET /services/data/<version>/limits), for health views and playbook checks. */
export const getApiUsageAction = defineAction({
  auth: salesforceAuth,
  name: 'getApiUsage',
  displayName: 'Get API usage',
  description: "Reads the org's daily API allocation and how much of it is used (the limits resource).",
  effect: 'read',
  input: z.object({}),
  output: getApiUsageOutput,
  async run({ auth, signal }) {
    const client = salesforceClient(auth, signal);
    const { body } = await client.request<{ DailyApiRequests?: { Max?: number; Remaining?: number } }>('GET', client.dataPath('/limits'));
    const max = body?.DailyApiRequests?.Max ?? 0;
    const remaining = body?.DailyApiRequests?.Remaining ?? 0;
    const used = Math.max(0, max - remaining);
    return {
      dailyApiRequests: { max, remaining, used },
      percentUsed: max > 0 ? Math.round((used / max) * 1000) / 10 : 0,
      apiUsage: client.apiUsage(),
    };
  },
});
