import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AppConfigModule, type AppConfig } from '@seismo/config';
import { DbModule } from '@seismo/db';
import { QueuesModule, RedisModule } from '@seismo/queues';
import { AlertsController } from './alerts/alerts.controller';
import { ArticlesController } from './articles/articles.controller';
import { ApiKeyGuard } from './auth/api-key.guard';
import { AuthModule } from './auth/auth.module';
import { ApiExceptionFilter } from './common/prisma-exception.filter';
import { RateLimitGuard } from './common/rate-limit.guard';
import { FeedsModule } from './feeds/feeds.module';
import { GatewayModule } from './gateway/gateway.module';
import { HealthModule } from './health/health.module';
import { RulesModule } from './rules/rules.module';
import { ScoreController } from './score/score.controller';
import { WatchlistModule } from './watchlist/watchlist.module';
import { WebhooksController } from './webhooks/webhooks.controller';

/** The api process: REST under /api, socket.io namespace /alerts, the dashboard at /. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig) {
    return {
      module: ApiModule,
      imports: [
        AppConfigModule.forRoot(config),
        DbModule,
        RedisModule,
        QueuesModule,
        AuthModule,
        HealthModule,
        WatchlistModule,
        FeedsModule,
        RulesModule,
        GatewayModule,
      ],
      controllers: [AlertsController, ArticlesController, ScoreController, WebhooksController],
      providers: [
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useExisting: ApiKeyGuard },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
      ],
    };
  }
}
