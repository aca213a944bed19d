import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

/** Runs of one playbook started in the last `days` days, by what became of them. */
@ObjectType('PlaybookRunStats')
export class PlaybookRunStatsModel {
  @Field(() => Int, { description: 'The window, in days back from now' }) days!: number;
  @Field(() => Int) started!: number;
  @Field(() => Int, { description: 'Not finished yet: pending, running or waiting' }) inProgress!: number;
  @Field(() => Int) completed!: number;
  @Field(() => Int, { description: 'Failed, cancelled or compensated' }) failed!: number;
  @Field(() => Date, { nullable: true, description: 'When the newest run started (any time, not only in the window)' }) lastRunAt!: Date | null;
}

/** What the playbook list shows beside a playbook: its open change request and its recent runs. */
export interface PlaybookActivity {
  pendingChangeRequestId: string | null;
  runStats: PlaybookRunStatsModel;
}

