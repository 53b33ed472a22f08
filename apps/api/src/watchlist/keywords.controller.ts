import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { decodeCursor } from '@seismo/db';
import { PageQueryDto } from '../common/query.dto';
import { IdPipe, limitOf } from '../common/params';
import { CreateKeywordDto } from './watchlist.dto';
import { WatchlistService } from './watchlist.service';

@ApiTags('watchlist')
@ApiBearerAuth()
@Controller('keywords')
export class KeywordsController {
  constructor(private readonly watchlist: WatchlistService) {}

  @Get()
  list(@Query() q: PageQueryDto) {
    return this.watchlist.keywords.list(limitOf(q.limit), decodeCursor(q.cursor));
  }

  @Post()
  async create(@Body() dto: CreateKeywordDto) {
    const k = await this.watchlist.keywords.upsert(dto);
    await this.watchlist.changed();
    return k;
  }

  @Delete(':id')
  async remove(@Param('id', IdPipe) id: number) {
    const k = await this.watchlist.keywords.delete(id);
    await this.watchlist.changed();
    return k;
  }
}
