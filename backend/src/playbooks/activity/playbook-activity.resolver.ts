import { ID, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { PlaybookModel } from '../models/playbook.model';
import { PlaybookRunStatsModel, type PlaybookActivity } from './playbook-activity.model';
import { PlaybookActivityService } from './playbook-activity.service';

/**
 * A playbook's open change request and recent runs. The `playbooks` list reads them for every listed
 * playbook at once (`activity` on the model); a single playbook reads its own.
 */
@Resolver(() => PlaybookModel)
export class PlaybookActivityResolver {
  constructor(private readonly service: PlaybookActivityService) {}

  @ResolveField(() => ID, { nullable: true, description: 'The change request waiting for approval for this playbook, if any' })
  async pendingChangeRequestId(@Parent() playbook: PlaybookModel): Promise<string | null> {
    return (await this.activityOf(playbook)).pendingChangeRequestId;
  }

  @ResolveField(() => PlaybookRunStatsModel, { description: 'Runs started in the last 7 days, and when the newest started' })
  async runStats(@Parent() playbook: PlaybookModel): Promise<PlaybookRunStatsModel> {
    return (await this.activityOf(playbook)).runStats;
  }

  private async activityOf(playbook: PlaybookModel): Promise<PlaybookActivity> {
    if (playbook.activity) return playbook.activity;
    const activity = (await this.service.activityOf(playbook.workspaceId, [playbook.id])).get(playbook.id)!;
    playbook.activity = activity;
    return activity;
  }
}
