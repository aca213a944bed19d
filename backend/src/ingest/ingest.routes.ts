import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IngestService } from './ingest.service';
import { IngestError } from './segment/ingest-error';
import { SegmentRoute } from './segment/parse-segment-request';
import { SEGMENT_CALL_TYPES } from './segment/segment-call';

const ROUTES: readonly SegmentRoute[] = [...SEGMENT_CALL_TYPES, 'batch'];

/**
 * POST /v1/{track,identify,group,page,screen,alias,batch}, the Segment HTTP Tracking API.
 *
 * Registered as an encapsulated Fastify plugin rather than a Nest controller because Segment's limits
 * (32 KB per call, 500 KB per batch) must be checked on the raw bytes before JSON parsing, and content
 * parsers are per Fastify context: here every content type (application/json, text/plain as some
 * clients send, or none) is read as a raw buffer, without touching the parsers GraphQL uses.
 */
@Injectable()
export class IngestRoutes implements OnModuleInit {
  private readonly logger = new Logger(IngestRoutes.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly ingest: IngestService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    fastify.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
      scope.setErrorHandler((error: FastifyError, request, reply) => this.replyToFastifyError(error, request, reply));
      for (const route of ROUTES) {
        scope.post(`/v1/${route}`, (request, reply) => this.handle(route, request, reply));
      }
    });
  }

  private async handle(route: SegmentRoute, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    try {
      await this.ingest.handle(route, raw, request.headers.authorization);
      await reply.code(200).send({ success: true });
    } catch (error) {
      if (error instanceof IngestError) {
        await reply.code(error.status).send(error.body);
        return;
      }
      this.logger.error(`POST /v1/${route} failed: ${(error as Error).stack ?? String(error)}`);
      // Nothing was committed: the client retries the same messageIds.
      await reply.code(500).send({ success: false, error: 'Internal error: nothing was stored, retry the request' });
    }
  }

  /** Errors Fastify raises before the handler runs (body over the server's hard limit, aborted uploads). */
  private replyToFastifyError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const isBatch = request.url.startsWith('/v1/batch');
      const limit = isBatch ? '500 KB' : '32 KB';
      const what = isBatch ? 'Batch' : 'Event';
      void reply.code(400).send({ success: false, error: `${what} exceeds ${limit} limit (${request.headers['content-length'] ?? 'too many'} bytes)`, limit });
      return;
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) this.logger.error(`${request.method} ${request.url} failed: ${error.stack ?? error.message}`);
    void reply.code(status).send({ success: false, error: status === 500 ? 'Internal error' : error.message });
  }
}
