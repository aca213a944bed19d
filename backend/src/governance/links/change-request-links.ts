import { Inject, Injectable } from '@nestjs/common';
import { parseDuration, type Duration } from '@tripline/playbook';
import { TRIPLINE_CONFIG } from '../../config/config.module';
import { TriplineConfig } from '../../config/tripline-config';
import { changeRequestLink, ChangeRequestLinkTokens, type ChangeRequestLinkClaim } from './change-request-link-token';

/** Makes and checks the signed links approver emails carry (config: secret key, designer URL). */
@Injectable()
export class ChangeRequestLinks {
  private readonly tokens: ChangeRequestLinkTokens;

  constructor(@Inject(TRIPLINE_CONFIG) private readonly config: TriplineConfig) {
    this.tokens = new ChangeRequestLinkTokens(config.secretKey);
  }

  /** The link for one approver, valid for `validFor` (the policy's notifications.linkValidFor). */
  linkFor(claim: { workspaceId: string; requestId: string; userId: string }, validFor: Duration, now: Date = new Date()): { url: string; expiresAt: Date } {
    const expiresAt = new Date(now.getTime() + parseDuration(validFor));
    const token = this.tokens.sign({ ...claim, expiresAt });
    return { url: changeRequestLink(this.config.designerUrl, claim.requestId, token), expiresAt };
  }

  /** See ChangeRequestLinkTokens.verify. */
  verify(token: string, now?: Date): ChangeRequestLinkClaim {
    return this.tokens.verify(token, now);
  }
}
