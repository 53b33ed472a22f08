import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { WorkerHost } from '@nestjs/bullmq';
import { APP_CONFIG, type AppConfig } from '@seismo/config';
import { REDIS } from '@seismo/queues';
import type { Redis } from 'ioredis';
import { FeedSchedulesService } from '../feeds/feed-schedules.service';

/**
 * Keeps a worker process taking jobs for months: restarts BullMQ workers that stopped running
 * after a Redis outage, and rebuilds feed job schedulers from Postgres when Redis came back empty.
 */
@Injectable()
export class WatchdogService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WatchdogService.name);
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;
  private wasDown = false;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly schedules: FeedSchedulesService,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private started = false;

  private hosts(): WorkerHost[] {
    return this.discovery
      .getProviders()
      .map((w) => w.instance as unknown)
      .filter((i): i is WorkerHost => i instanceof WorkerHost);
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const h of this.hosts()) {
      const n = h.constructor.name.startsWith('Articles') ? this.config.concurrency.articles : h.constructor.name.startsWith('FeedFetch') ? this.config.concurrency.feeds : null;
      if (n) h.worker.concurrency = n;
      h.worker.on('error', (e) => this.logger.warn(`${h.constructor.name}: ${e.message}`));
    }
    if (this.config.workers.includes('feeds')) await this.schedules.reconcile().catch((e) => this.logger.warn(`reconcile: ${(e as Error).message}`));
    this.redis.on('end', () => (this.wasDown = true));
    this.redis.on('close', () => (this.wasDown = true));
    this.timer = setInterval(() => void this.tick(), 5_000);
  }

  /**
   * Starts taking jobs. The processors are created with `autorun: false` and started only now,
   * after the first-start seed (default rules, watchlist): a job waiting in Redis must not be
   * evaluated against a database that has no rules yet.
   */
  start(): void {
    this.started = true;
    for (const h of this.hosts()) if (!h.worker.isRunning()) h.worker.run().catch((e) => this.logger.error(`worker ${h.worker.name} failed: ${(e as Error).message}`));
  }

  async tick(): Promise<void> {
    if (!this.started || this.stopping || this.redis.status !== 'ready') return;
    for (const h of this.hosts()) {
      const w = h.worker;
      if (!w.isRunning() && !w.closing) {
        this.logger.warn(`worker for queue ${w.name} is not running: restarting it`);
        w.run().catch((e) => this.logger.error(`worker ${w.name} failed: ${(e as Error).message}`));
      }
    }
    if (this.config.workers.includes('feeds')) {
      try {
        const r = await this.schedules.reconcile();
        if (this.wasDown && r.scheduled) this.logger.log('Redis came back without job schedulers: rebuilt from Postgres');
        this.wasDown = false;
      } catch (e) {
        this.logger.warn(`reconcile: ${(e as Error).message}`);
      }
    }
  }

  /**
   * Graceful stop, before the application closes (and Prisma disconnects): take no new job and
   * let the active ones finish (BullMQ's close waits for them).
   */
  async drain(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.all(this.hosts().map((h) => h.worker.close().catch((e) => this.logger.warn(`closing ${h.worker.name}: ${(e as Error).message}`))));
  }

  onApplicationShutdown(): void {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
  }
}
