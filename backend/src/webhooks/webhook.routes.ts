import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { WebhookRequest } from '@tripline/connector-sdk';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { WebhookError } from './webhook-error';
import { WebhooksService } from './webhooks.service';

/** Vendors' webhook bodies are small; 1 MB is generous and keeps a flood from being buffered. */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;

/**
 * POST /v1/webhooks/:connectionId/:trigger — public (vendors cannot send our write keys); each
 * connector verifies its vendor's signature over the exact bytes, so the body is read raw, in an
 * encapsulated Fastify plugin like /v1 ingest (its own content parser and body limit).
 */
@Injectable()
export class WebhookRoutes implements OnModuleInit {
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly webhooks: WebhooksService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    fastify.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_WEBHOOK_BYTES }, (_request, body, done) => done(null, body));
      scope.setErrorHandler((error: FastifyError, request, reply) => this.replyToFastifyError(error, request, reply));
      scope.post<{ Params: { connectionId: string; trigger: string } }>('/v1/webhooks/:connectionId/:trigger', { bodyLimit: MAX_WEBHOOK_BYTES }, (request, reply) => this.handle(request, reply));
    });
  }

  private async handle(request: FastifyRequest<{ Params: { connectionId: string; trigger: string } }>, reply: FastifyReply): Promise<void> {
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const webhookRequest: WebhookRequest = {
      method: request.method,
      url: `${request.protocol}://${request.host}${request.url}`,
      headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value])),
      rawBody,
    };
    try {
      const result = await this.webhooks.receive(request.params.connectionId, request.params.trigger, webhookRequest);
      await reply.code(200).send({ success: true, ...result });
    } catch (error) {
      if (error instanceof WebhookError) {
        await reply.code(error.status).send({ success: false, error: error.message });
        return;
      }
      // Never the body or headers: they may carry the vendor's signature and personal data.
      this.logger.error(`POST /v1/webhooks/${request.params.connectionId}/${request.params.trigger} failed: ${(error as Error).stack ?? String(error)}`);
      await reply.code(500).send({ success: false, error: 'Internal error: nothing was stored, the sender may retry' });
    }
  }

  private replyToFastifyError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      void reply.code(413).send({ success: false, error: `Webhook body exceeds the 1 MB limit (${request.headers['content-length'] ?? 'too many'} bytes)` });
      return;
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) this.logger.error(`${request.method} ${request.url} failed: ${error.stack ?? error.message}`);
    void reply.code(status).send({ success: false, error: status === 500 ? 'Internal error' : error.message });
  }
}
