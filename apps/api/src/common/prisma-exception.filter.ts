import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';

const MAP: Record<string, [number, string]> = {
  P2002: [409, 'Conflict'],
  P2025: [404, 'Not Found'],
  P2003: [400, 'Bad Request'],
  P2000: [400, 'Bad Request'],
  P2006: [400, 'Bad Request'],
  P2007: [400, 'Bad Request'],
};

/** Maps Prisma and body-parser errors to 4xx; anything else is a logged 500 without internals. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      res.status(exception.getStatus()).json(typeof body === 'string' ? { statusCode: exception.getStatus(), message: body } : body);
      return;
    }
    const e = exception as { code?: string; type?: string; status?: number; meta?: { target?: unknown; modelName?: string }; message?: string };
    if (e?.code && MAP[e.code]) {
      const [status, error] = MAP[e.code];
      const target = Array.isArray(e.meta?.target) ? e.meta.target.join(', ') : e.meta?.target ? String(e.meta.target) : undefined;
      const message =
        e.code === 'P2002' ? `already exists${target ? ` (${target})` : ''}` : e.code === 'P2025' ? 'not found' : 'invalid reference or value';
      res.status(status).json({ statusCode: status, error, message });
      return;
    }
    // body-parser: too large / malformed JSON.
    if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
      const message = e.type === 'entity.too.large' ? 'request body too large' : e.type === 'entity.parse.failed' ? 'body is not valid JSON' : (e.message ?? 'bad request');
      res.status(e.status).json({ statusCode: e.status, error: 'Bad Request', message });
      return;
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    res.status(500).json({ statusCode: 500, error: 'Internal Server Error', message: 'internal error' });
  }
}
