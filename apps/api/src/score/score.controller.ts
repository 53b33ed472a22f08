import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '@seismo/config';
import { KeywordsRepository, TickersRepository } from '@seismo/db';
import { REDIS } from '@seismo/queues';
import { scoreRequests, SentimentEngine } from '@seismo/sentiment';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import type { Redis } from 'ioredis';

export class ScoreDto {
  @ApiProperty({ example: 'Nvidia shares plunge 17% as DeepSeek rattles AI trade' })
  @IsString({ message: 'text must be a string' })
  @MaxLength(1_000_000, { message: 'text must be at most 1,000,000 characters' })
  text: string;

  @ApiPropertyOptional({ example: ['NVDA', 'Broadcom'] })
  @IsOptional()
  @IsArray({ message: 'targets must be an array of symbols or company names' })
  @ArrayMaxSize(50, { message: 'targets may hold at most 50 entries' })
  @IsString({ each: true, message: 'targets must be an array of symbols or company names' })
  @Length(1, 100, { each: true, message: 'each target must be 1-100 characters' })
  targets?: string[];
}

/** POST /api/score answers the CLI's `score` shape for one text (not persisted). */
@ApiTags('score')
@Controller('score')
export class ScoreController {
  private engine: SentimentEngine | null = null;
  private version = '';

  constructor(
    private readonly tickers: TickersRepository,
    private readonly keywords: KeywordsRepository,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async current(): Promise<SentimentEngine> {
    const v = (await this.redis.get(`${this.config.queuePrefix}:watchlist-version`).catch(() => null)) ?? '0';
    if (!this.engine || v !== this.version) {
      const [t, k] = await Promise.all([this.tickers.all(), this.keywords.all()]);
      this.engine = new SentimentEngine({ tickers: t, keywords: k });
      this.version = v;
    }
    return this.engine;
  }

  @Post()
  @HttpCode(200)
  async score(@Body() dto: ScoreDto) {
    const engine = await this.current();
    const { id: _id, ...rest } = scoreRequests(engine, { id: 0, text: dto.text, targets: dto.targets });
    return rest;
  }
}
