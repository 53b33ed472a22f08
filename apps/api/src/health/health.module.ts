import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { SeismoHealthIndicators } from './health.indicators';

@Module({ imports: [TerminusModule.forRoot({ logger: false })], controllers: [HealthController], providers: [SeismoHealthIndicators] })
export class HealthModule {}
