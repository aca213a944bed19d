import { Module } from '@nestjs/common';
import { EmailSuppressionModule } from '../email-suppression/email-suppression.module';
import { InternalUnsubscribeLinksController } from './internal-unsubscribe-links.controller';
import { UnsubscribeLinksService } from './unsubscribe-links';
import { UnsubscribeRoutes } from './unsubscribe.routes';
import { UnsubscribeTokens } from './unsubscribe-token';

/** List-Unsubscribe links (signed tokens) and the public page / one-click endpoint they point to. */
@Module({
  imports: [EmailSuppressionModule],
  controllers: [InternalUnsubscribeLinksController],
  providers: [UnsubscribeTokens, UnsubscribeLinksService, UnsubscribeRoutes],
})
export class UnsubscribeModule {}
