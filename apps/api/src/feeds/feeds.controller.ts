import { Body, Controller, Delete, Get, NotFoundException, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { decodeCursor, FeedsRepository, type Feed } from '@seismo/db';
import { FeedsProducer } from '@seismo/queues';
import { IdPipe, limitOf } from '../common/params';
import { PageQueryDto } from '../common/query.dto';
import { CreateFeedDto, UpdateFeedDto } from './feeds.dto';

export function feedView(f: Feed) {
  return {
    id: f.id,
    url: f.url,
    title: f.title,
    pollSeconds: f.pollSeconds,
    enabled: f.enabled,
    lastFetchedAt: f.lastFetchedAt,
    lastSuccessAt: f.lastSuccessAt,
    lastStatus: f.lastStatus,
    lastError: f.lastError,
    errorCount: f.errorCount,
    itemsSeen: f.itemsSeen,
    nextFetchAfter: f.nextFetchAfter,
    websubHub: f.websubHub,
    createdAt: f.createdAt,
  };
}

@ApiTags('feeds')
@ApiBearerAuth()
@Controller('feeds')
export class FeedsController {
  constructor(
    private readonly feeds: FeedsRepository,
    private readonly producer: FeedsProducer,
  ) {}

  @Get()
  async list(@Query() q: PageQueryDto) {
    const p = await this.feeds.list(limitOf(q.limit), decodeCursor(q.cursor));
    return { items: p.items.map(feedView), next: p.next };
  }

  @Get(':id')
  async one(@Param('id', IdPipe) id: number) {
    const f = await this.feeds.find(id);
    if (!f) throw new NotFoundException(`feed ${id} not found`);
    return feedView(f);
  }

  /**
   * Stored first, then scheduled: a poll is a BullMQ job scheduler, so N workers poll it once.
   * An `every` scheduler runs its first job at once, so no separate fetch-now job (that was a
   * second, concurrent first poll).
   */
  @Post()
  async create(@Body() dto: CreateFeedDto) {
    const f = await this.feeds.create({ url: dto.url, pollSeconds: dto.pollSeconds ?? 60 });
    await this.producer.schedule(f.id, f.pollSeconds);
    return feedView(f);
  }

  @Patch(':id')
  async update(@Param('id', IdPipe) id: number, @Body() dto: UpdateFeedDto) {
    const f = await this.feeds.update(id, dto);
    if (f.enabled) await this.producer.schedule(f.id, f.pollSeconds);
    else await this.producer.unschedule(f.id);
    return feedView(f);
  }

  @Delete(':id')
  async remove(@Param('id', IdPipe) id: number) {
    const f = await this.feeds.delete(id);
    await this.producer.unschedule(id);
    return feedView(f);
  }
}
