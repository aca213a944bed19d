import { Field, ID, InputType } from '@nestjs/graphql';

/** One bulk retry handles at most this many runs; a bigger outage is retried window by window. */
export const MAX_BULK_RETRY_RUNS = 500;

@InputType('BulkRetryRunsInput', { description: 'Failed runs to retry: those that failed in [failedFrom, failedTo]' })
export class BulkRetryRunsInput {
  @Field({ description: 'Start of the window (inclusive): when the runs failed' })
  failedFrom!: Date;

  @Field({ description: 'End of the window (inclusive)' })
  failedTo!: Date;

  @Field(() => ID, { nullable: true, description: 'Only runs of this playbook' })
  playbookId?: string | null;
}
