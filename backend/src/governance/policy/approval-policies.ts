import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_APPROVAL_POLICY, NO_APPROVAL_POLICY, type ApprovalPolicy } from '@tripline/playbook';
import { DataSource, EntityManager } from 'typeorm';
import { TRIPLINE_CONFIG } from '../../config/config.module';
import { TriplineConfig } from '../../config/tripline-config';
import { forbidden } from '../../graphql/errors';
import { ApprovalPolicyEntity } from './approval-policy.entity';

/** The policy a workspace's changes go through, and where it came from. */
export interface EffectivePolicy {
  policy: ApprovalPolicy;
  /** True when the workspace has not stored a policy: the built-in default (TRIPLINE_DEFAULT_APPROVAL_POLICY) applies. */
  isDefault: boolean;
  /** The stored policy's version (0 for the default). */
  version: number;
  updatedBy: string | null;
  updatedAt: Date | null;
}

export const DIRECT_PUBLISH_REFUSED = 'Publishing in this workspace needs approval: submit a change request (submitChangeRequest)';

/**
 * Reads a workspace's effective approval policy: the stored one, else the built-in default chosen by
 * configuration. Kept apart from the rest of governance so the playbook and scoring-model services can
 * ask "may this be published directly?" without depending on change requests.
 */
@Injectable()
export class ApprovalPolicies {
  constructor(
    @Inject(TRIPLINE_CONFIG) private readonly config: TriplineConfig,
    private readonly dataSource: DataSource,
  ) {}

  /** The built-in default of this installation. */
  builtIn(): ApprovalPolicy {
    return this.config.defaultApprovalPolicy === 'none' ? NO_APPROVAL_POLICY : DEFAULT_APPROVAL_POLICY;
  }

  /** Read inside `manager`'s transaction when given (so a decision and the policy it checks agree). */
  async effective(workspaceId: string, manager: EntityManager = this.dataSource.manager): Promise<EffectivePolicy> {
    const stored = await manager.findOneBy(ApprovalPolicyEntity, { workspaceId });
    if (!stored) return { policy: this.builtIn(), isDefault: true, version: 0, updatedBy: null, updatedAt: null };
    return { policy: stored.policy, isDefault: false, version: stored.version, updatedBy: stored.updatedBy, updatedAt: stored.updatedAt };
  }

  /**
   * For publishPlaybook / publishScoringModel: FORBIDDEN unless the workspace's policy has no levels
   * (then publishing needs no approval and works as it always did).
   */
  async assertDirectPublishAllowed(manager: EntityManager, workspaceId: string): Promise<void> {
    const { policy } = await this.effective(workspaceId, manager);
    if (policy.levels.length > 0) throw forbidden(DIRECT_PUBLISH_REFUSED);
  }
}
