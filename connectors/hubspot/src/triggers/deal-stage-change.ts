import type { CrmChangeTriggerItem } from '@tripline/connector-sdk';

/**
 * One deal stage change as a trigger item. The id is the deal, the new stage and when it was
 * entered, so the same change seen twice (a webhook retry, an overlapping poll) never enrolls twice.
 * `from` stays undefined: neither HubSpot's webhook nor its search says which stage the deal left.
 */
export function dealStageChangeItem(args: {
  dealId: string;
  toStage: string;
  /** Epoch ms when the deal entered the stage. */
  changedAt: number;
  /** Where the polling cursor is (defaults to the change time). */
  at?: number;
  record: Record<string, unknown>;
}): CrmChangeTriggerItem {
  return {
    kind: 'crmChange',
    id: `hubspot:deal:${args.dealId}:dealstage:${args.toStage}:${args.changedAt}`,
    at: new Date(args.at ?? args.changedAt).toISOString(),
    change: {
      object: 'deal',
      recordId: args.dealId,
      changes: { dealstage: { from: undefined, to: args.toStage } },
      record: args.record,
    },
  };
}
