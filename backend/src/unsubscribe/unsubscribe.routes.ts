import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EmailSuppressionsService } from '../email-suppression/email-suppressions.service';
import { confirmationPage, failurePage, invalidLinkPage, PAGE_HEADERS, unsubscribedPage } from './unsubscribe-pages';
import { UnsubscribeTokenError, UnsubscribeTokens, type UnsubscribeClaim } from './unsubscribe-token';

// A wildcard, not `:token`: Fastify refuses path parameters over 100 characters (414), and tokens are longer.
type TokenRequest = FastifyRequest<{ Params: { '*': string } }>;

/**
 * The public unsubscribe endpoint behind List-Unsubscribe; the signed token is the only credential.
 * `GET /v1/unsubscribe/:token` shows a confirmation with a button — it must never unsubscribe, since
 * mail scanners and link previews fetch every link. `POST` unsubscribes at once (RFC 8058 one-click:
 * the mail client posts `List-Unsubscribe=One-Click`), idempotently.
 *
 * A Fastify plugin rather than a controller: one-click clients post form bodies
 * (application/x-www-form-urlencoded or multipart/form-data), which the API's parsers do not take;
 * here any body is accepted as bytes and ignored (everything is in the token).
 */
@Injectable()
export class UnsubscribeRoutes implements OnModuleInit {
  private readonly logger = new Logger(UnsubscribeRoutes.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly tokens: UnsubscribeTokens,
    private readonly suppressions: EmailSuppressionsService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    fastify.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 64 * 1024 }, (_request, body, done) => done(null, body));
      scope.get('/v1/unsubscribe/*', (request: TokenRequest, reply) => this.confirm(request, reply));
      scope.post('/v1/unsubscribe/*', (request: TokenRequest, reply) => this.unsubscribe(request, reply));
    });
  }

  private async confirm(request: TokenRequest, reply: FastifyReply): Promise<void> {
    const claim = this.claimOf(request);
    if (claim instanceof UnsubscribeTokenError) return this.send(reply, 400, invalidLinkPage(claim.message));
    return this.send(reply, 200, confirmationPage(claim.email));
  }

  private async unsubscribe(request: TokenRequest, reply: FastifyReply): Promise<void> {
    const claim = this.claimOf(request);
    if (claim instanceof UnsubscribeTokenError) return this.send(reply, 400, invalidLinkPage(claim.message));
    try {
      await this.suppressions.add(claim.workspaceId, [{ email: claim.email, reason: 'unsubscribe', sourceRunId: claim.runId, sourceKey: claim.key }]);
    } catch (error) {
      this.logger.error(`POST /v1/unsubscribe failed: ${(error as Error).stack ?? String(error)}`);
      return this.send(reply, 500, failurePage());
    }
    return this.send(reply, 200, unsubscribedPage(claim.email));
  }

  private claimOf(request: TokenRequest): UnsubscribeClaim | UnsubscribeTokenError {
    try {
      return this.tokens.verify(request.params['*']);
    } catch (error) {
      if (error instanceof UnsubscribeTokenError) return error;
      throw error;
    }
  }

  private async send(reply: FastifyReply, status: number, html: string): Promise<void> {
    await reply.code(status).headers(PAGE_HEADERS).send(html);
  }
}
