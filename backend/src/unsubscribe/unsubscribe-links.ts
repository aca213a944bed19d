import { Inject, Injectable } from '@nestjs/common';
import { TRIPLINE_CONFIG } from '../config/config.module';
import { TriplineConfig } from '../config/tripline-config';
import { UnsubscribeTokens, type UnsubscribeClaim } from './unsubscribe-token';

export interface UnsubscribeLinks {
  /** `<TRIPLINE_PUBLIC_URL>/v1/unsubscribe/<token>`: GET shows a confirmation, POST unsubscribes (RFC 8058). */
  url: string;
  /** `mailto:<TRIPLINE_UNSUBSCRIBE_MAILTO>?subject=unsubscribe%20<token>` when configured. */
  mailto?: string;
}

/** The links an outreach email carries in List-Unsubscribe. */
@Injectable()
export class UnsubscribeLinksService {
  constructor(
    @Inject(TRIPLINE_CONFIG) private readonly config: TriplineConfig,
    private readonly tokens: UnsubscribeTokens,
  ) {}

  linksFor(claim: UnsubscribeClaim): UnsubscribeLinks {
    const token = this.tokens.sign({ ...claim, email: claim.email.trim().toLowerCase() });
    const url = `${this.config.publicUrl}/v1/unsubscribe/${token}`;
    if (!this.config.unsubscribeMailto) return { url };
    return { url, mailto: `mailto:${this.config.unsubscribeMailto}?subject=${encodeURIComponent(`unsubscribe ${token}`)}` };
  }
}
