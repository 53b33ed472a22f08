import { HttpException, HttpStatus, Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '@seismo/config';
import { REDIS } from '@seismo/queues';
import type { Request, Response } from 'express';
import type { Redis } from 'ioredis';

const SKIP = 'seismo:skip-rate-limit';
export const SkipRateLimit = () => SetMetadata(SKIP, true);

/**
 * Per-client request limit over a fixed one-minute window, counted in Redis so that every api
 * replica shares one budget. (@nestjs/throttler 6 is CommonJS and requires the ESM-only
 * @nestjs/common 12, which jest cannot load in ESM mode on Node 20; its default storage is also
 * per process.) Fails open when Redis is down: the limit protects capacity, not data.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(SKIP, [ctx.getHandler(), ctx.getClass()])) return true;
    const req = ctx.switchToHttp().getRequest<Request>();
    const res = ctx.switchToHttp().getResponse<Response>();
    const limit = this.config.http.rateLimitPerMinute;
    const window = Math.floor(Date.now() / 60_000);
    const key = `${this.config.queuePrefix}:rate:${req.ip ?? 'unknown'}:${window}`;
    let count: number;
    try {
      const r = await this.redis.multi().incr(key).pexpire(key, 61_000).exec();
      count = Number(r?.[0]?.[1] ?? 0);
    } catch {
      return true;
    }
    res.setHeader('RateLimit-Limit', String(limit));
    res.setHeader('RateLimit-Remaining', String(Math.max(0, limit - count)));
    if (count > limit) {
      const retry = Math.ceil(((window + 1) * 60_000 - Date.now()) / 1000);
      res.setHeader('Retry-After', String(retry));
      throw new HttpException({ statusCode: 429, error: 'Too Many Requests', message: `rate limit of ${limit} requests per minute exceeded; retry after ${retry} s` }, HttpStatus.TOO_MANY_REQUESTS);
    }
    return true;
  }
}
