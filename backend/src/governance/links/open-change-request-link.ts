import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal';
import { badUserInput, forbidden } from '../../graphql/errors';
import type { ChangeRequestEntity } from '../change-requests/change-request.entity';
import { ChangeRequestsService } from '../change-requests/change-requests.service';
import { ChangeRequestLinkError } from './change-request-link-token';
import { ChangeRequestLinks } from './change-request-links';

/**
 * Opens the signed link of an approver email for the signed-in user: only a genuine, unexpired token
 * made for this user in this workspace opens its request (a forwarded email does not let anyone else
 * in). Malformed → BAD_USER_INPUT; forged, expired, another user's or another workspace's → FORBIDDEN.
 */
@Injectable()
export class ChangeRequestLinkOpener {
  constructor(
    private readonly links: ChangeRequestLinks,
    private readonly requests: ChangeRequestsService,
  ) {}

  async open(principal: Principal, token: string): Promise<ChangeRequestEntity> {
    let claim;
    try {
      claim = this.links.verify(token);
    } catch (error) {
      if (error instanceof ChangeRequestLinkError) throw error.reason === 'malformed' ? badUserInput(error.message, { field: 'token' }) : forbidden(error.message);
      throw error;
    }
    if (claim.workspaceId !== principal.workspaceId) {
      throw forbidden('This approval link belongs to another workspace: sign in to that workspace and open it again');
    }
    if (claim.userId !== principal.userId) throw forbidden('This approval link was sent to another user: open your own email’s link, or the approvals inbox');
    return this.requests.find(principal.workspaceId, claim.requestId);
  }
}
