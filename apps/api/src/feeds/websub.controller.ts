import { BadRequestException, Controller, ForbiddenException, Get, HttpCode, Inject, NotFoundException, Param, Post, Query, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '@seismo/config';
import { FeedsRepository } from '@seismo/db';
import { normalizeItems, parseFeed, verifyWebSubSignature } from '@seismo/feeds';
import { ArticlesProducer } from '@seismo/queues';
import type { Request } from 'express';
import { IdPipe } from '../common/params';

/** WebSub callback: verifies the hub's challenge and the HMAC of each push, then enqueues items. */
@ApiExcludeController()
@Controller('websub')
export class WebSubController {
  constructor(
    private readonly feeds: FeedsRepository,
    private readonly articles: ArticlesProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get(':id')
  async verify(@Param('id', IdPipe) id: number, @Query() q: Record<string, string>) {
    const feed = await this.feeds.find(id);
    if (!feed) throw new NotFoundException(`feed ${id} not found`);
    const mode = q['hub.mode'];
    const topic = q['hub.topic'];
    if (!q['hub.challenge'] || !mode) throw new BadRequestException('hub.mode and hub.challenge are required');
    if (topic && feed.websubTopic && topic !== feed.websubTopic && topic !== feed.url) throw new NotFoundException('unknown topic');
    if (mode === 'subscribe') {
      const lease = Number(q['hub.lease_seconds'] ?? 0);
      await this.feeds.setWebSub(id, { leaseUntil: lease > 0 ? new Date(Date.now() + lease * 1000) : null });
    }
    return q['hub.challenge'];
  }

  @Post(':id')
  @HttpCode(202)
  async push(@Param('id', IdPipe) id: number, @Req() req: RawBodyRequest<Request>) {
    const feed = await this.feeds.find(id);
    if (!feed || !feed.websubSecret) throw new NotFoundException(`feed ${id} has no WebSub subscription`);
    const body = req.rawBody ?? Buffer.alloc(0);
    const sig = (req.headers['x-hub-signature-256'] ?? req.headers['x-hub-signature']) as string | undefined;
    if (!verifyWebSubSignature(feed.websubSecret, body, sig)) throw new ForbiddenException('signature does not match');
    const parsed = await parseFeed(body.toString('utf8'), { contentType: req.headers['content-type'] ?? null });
    const items = normalizeItems(parsed, { fetchedAt: new Date(), feedUrl: feed.url });
    await this.articles.addBatches({ feedId: id, items }, this.config.articlesBatchSize);
    return { accepted: items.length };
  }
}
