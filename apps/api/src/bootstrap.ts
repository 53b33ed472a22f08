import 'reflect-metadata';
import { Logger, type INestApplication, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '@seismo/config';
import express from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApiModule } from './api.module';
import { createValidationPipe } from './common/validation';
import { SeismoIoAdapter } from './gateway/socket-io.adapter';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

export function dashboardDir(): string | null {
  const here = new URL('.', import.meta.url).pathname;
  for (const p of [join(here, '../../../dashboard'), join(here, '../../../dist/dashboard'), join(process.cwd(), 'dist/dashboard')]) {
    if (existsSync(join(p, 'index.html'))) return p;
  }
  return null;
}

/** Builds the api application (used by main.ts and by the e2e tests). */
export async function createApi(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), {
    logger: LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1),
    rawBody: true,
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: config.http.bodyLimit });
  app.useBodyParser('raw', { type: ['application/*+xml', 'application/xml', 'text/xml'], limit: '5mb' });
  app.set('trust proxy', 'loopback');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'], connectSrc: ["'self'", 'ws:', 'wss:'] },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.enableCors({ origin: config.corsOrigins.length ? config.corsOrigins : false });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useWebSocketAdapter(new SeismoIoAdapter(app, config));
  app.enableShutdownHooks();
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('Seismo').setDescription('Real-time market sentiment monitor').setVersion('0.1').addBearerAuth().build(),
  );
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });
  const dash = dashboardDir();
  if (dash) {
    app.use(express.static(dash, { index: 'index.html', maxAge: '1h' }));
  } else {
    new Logger('Api').warn('dashboard not built (npm run build): / serves nothing');
  }
  return app;
}
