import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { SkipRateLimit } from '../common/rate-limit.guard';
import type { Response } from 'express';
import { SeismoHealthIndicators } from './health.indicators';

@ApiTags('health')
@SkipRateLimit()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: SeismoHealthIndicators,
  ) {}

  /** `{status, db, redis, queues}`; 503 when a dependency is down. */
  @Get()
  async check(@Res({ passthrough: true }) res: Response) {
    let result: HealthCheckResult;
    try {
      result = await this.health.check([() => this.indicators.db(), () => this.indicators.redisUp(), () => this.indicators.queuesUp()]);
    } catch (e) {
      result = (e as { response?: HealthCheckResult }).response ?? { status: 'error', details: {} };
    }
    const ok = result.status === 'ok';
    res.status(ok ? 200 : 503);
    const d = result.details as Record<string, { status: string } & Record<string, unknown>>;
    return { status: ok ? 'ok' : 'error', db: d.db ?? { status: 'down' }, redis: d.redis ?? { status: 'down' }, queues: d.queues ?? { status: 'down' } };
  }
}
