import { ExpressAdapter } from '@nestjs/platform-express';
import { Response } from 'express';

interface WrittenAnswer {
  bytes: Buffer;
  etag: string | undefined;
}

type ETagOf = (body: Buffer) => string | undefined;

/**
 * Express, writing the JSON of a frozen answer once: a service that answers the same kept object
 * again (an inbox page while nothing has changed, see InboxService.inbox) freezes it, and its bytes
 * and ETag are sent again without being worked out again. Every other answer goes the usual way.
 */
export class HttpAdapter extends ExpressAdapter {
  private readonly written = new WeakMap<object, WrittenAnswer>();

  override reply(response: Response, body: unknown, statusCode?: number): unknown {
    if (typeof body !== 'object' || body === null || !Object.isFrozen(body)) return super.reply(response, body, statusCode);
    let written = this.written.get(body);
    if (!written) {
      const bytes = Buffer.from(JSON.stringify(body), 'utf8');
      // The ETag Express itself would give the body, so that a conditional GET still answers 304.
      const etagOf = response.app.get('etag fn') as ETagOf | undefined;
      written = { bytes, etag: etagOf?.(bytes) };
      this.written.set(body, written);
    }
    if (statusCode) response.status(statusCode);
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    if (written.etag) response.setHeader('ETag', written.etag);
    return response.send(written.bytes);
  }
}
