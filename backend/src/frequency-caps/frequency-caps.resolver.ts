import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ZodError } from 'zod';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import { Roles } from '../auth/decorators/roles.decorator';
import type { Principal } from '../auth/principal';
import { badUserInput } from '../graphql/errors';
import { FrequencyCapsService, type FrequencyCapSettings } from './frequency-caps.service';
import { FrequencyCapRuleInput, FrequencyCapSettingsModel, type FrequencyCapScope } from './models/frequency-cap-settings.model';

/** The workspace's per-contact frequency caps: every member may read them, admins set them. */
@Resolver(() => FrequencyCapSettingsModel)
export class FrequencyCapsResolver {
  constructor(private readonly service: FrequencyCapsService) {}

  @Query(() => FrequencyCapSettingsModel, { description: "The workspace's per-contact frequency caps" })
  async frequencyCaps(@CurrentPrincipal() principal: Principal): Promise<FrequencyCapSettingsModel> {
    return toModel(await this.service.settings(principal.workspaceId));
  }

  @Mutation(() => FrequencyCapSettingsModel, { description: "Replaces the workspace's frequency caps (an empty list removes them)" })
  @Roles('admin')
  async setFrequencyCaps(
    @CurrentPrincipal() principal: Principal,
    @Args('rules', { type: () => [FrequencyCapRuleInput] }) rules: FrequencyCapRuleInput[],
  ): Promise<FrequencyCapSettingsModel> {
    try {
      return toModel(await this.service.setRules(principal.workspaceId, rules.map((rule) => ({ ...rule })), principal.userId));
    } catch (error) {
      if (!(error instanceof ZodError)) throw error;
      const issue = error.issues[0]!;
      throw badUserInput(`rules.${issue.path.join('.')}: ${issue.message}`, { field: ['rules', ...issue.path].join('.') });
    }
  }
}

function toModel(settings: FrequencyCapSettings): FrequencyCapSettingsModel {
  return {
    rules: settings.rules.map((rule) => ({ channel: rule.channel as FrequencyCapScope, max: rule.max, days: rule.days })),
    updatedAt: settings.updatedAt,
  };
}
