import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ZodError } from 'zod';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import { Roles } from '../auth/decorators/roles.decorator';
import type { Principal } from '../auth/principal';
import { badUserInput } from '../graphql/errors';
import type { EmailSuppressionEntity } from './email-suppression.entity';
import { EmailSuppressionsService } from './email-suppressions.service';
import { EmailSuppressionModel, type EmailSuppressionReason } from './models/email-suppression.model';

/** The workspace's suppression list: every member may read it, admins add and remove addresses. */
@Resolver(() => EmailSuppressionModel)
export class EmailSuppressionsResolver {
  constructor(private readonly service: EmailSuppressionsService) {}

  @Query(() => [EmailSuppressionModel], { description: "The workspace's email suppression list, newest first (at most 500)" })
  async emailSuppressions(
    @CurrentPrincipal() principal: Principal,
    @Args('search', { type: () => String, nullable: true, description: 'Part of the address' }) search?: string | null,
    @Args('limit', { type: () => Int, nullable: true, defaultValue: 100 }) limit?: number | null,
  ): Promise<EmailSuppressionModel[]> {
    return (await this.service.list(principal.workspaceId, { search, limit })).map(toModel);
  }

  @Mutation(() => EmailSuppressionModel, { description: 'Suppresses an address by hand (idempotent: an address already on the list keeps its entry)' })
  @Roles('admin')
  async addEmailSuppression(
    @CurrentPrincipal() principal: Principal,
    @Args('email') email: string,
    @Args('note', { type: () => String, nullable: true }) note?: string | null,
  ): Promise<EmailSuppressionModel> {
    const [entry] = await withEmailChecked(() =>
      this.service.add(principal.workspaceId, [{ email, reason: 'manual', detail: note ?? null, createdBy: principal.userId }], { userId: principal.userId }),
    );
    return toModel(entry!);
  }

  @Mutation(() => Boolean, { description: 'Takes an address off the list (outreach may reach it again); false when it was not on it' })
  @Roles('admin')
  async removeEmailSuppression(@CurrentPrincipal() principal: Principal, @Args('email') email: string): Promise<boolean> {
    return withEmailChecked(() => this.service.remove(principal.workspaceId, email, { userId: principal.userId }));
  }
}

async function withEmailChecked<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    throw badUserInput(`email ${error.issues[0]!.message}`, { field: 'email' });
  }
}

function toModel(row: EmailSuppressionEntity): EmailSuppressionModel {
  return {
    id: row.id,
    email: row.email,
    reason: row.reason as EmailSuppressionReason,
    detail: row.detail,
    sourceRunId: row.sourceRunId,
    createdAt: row.createdAt,
  };
}
