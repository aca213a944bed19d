import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { BootstrapService } from '../bootstrap/bootstrap.service';
import { TRIPLINE_CONFIG } from '../config/config.module';
import { TriplineConfig } from '../config/tripline-config';
import { ConnectionsService } from './connections.service';
import { smtpConfigFromUrl } from './smtp-url';

export const DEFAULT_EMAIL_CONNECTION = 'default-email';

/**
 * With TRIPLINE_DEFAULT_SMTP_URL set (npm start points it at the local mail catcher), the default
 * workspace gets an email connection named "default-email" so a new user's first playbook can send
 * mail without configuring SMTP. An existing connection of that name is left as the user made it.
 */
@Injectable()
export class DefaultEmailConnectionSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('Connections');

  constructor(
    @Inject(TRIPLINE_CONFIG) private readonly config: TriplineConfig,
    private readonly bootstrap: BootstrapService,
    private readonly connections: ConnectionsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const url = this.config.seed.defaultSmtpUrl;
    if (!url) return;
    const smtp = smtpConfigFromUrl(url);
    const workspaceId = await this.bootstrap.defaultWorkspaceId();
    if (await this.connections.findByName(workspaceId, DEFAULT_EMAIL_CONNECTION)) return;
    await this.connections.create(workspaceId, { name: DEFAULT_EMAIL_CONNECTION, connector: 'email', config: { ...smtp } }, { system: 'bootstrap' });
    // Host and port only: the URL may carry a password.
    this.logger.log(`Created the "${DEFAULT_EMAIL_CONNECTION}" connection (SMTP ${smtp.host}:${smtp.port})`);
  }
}
