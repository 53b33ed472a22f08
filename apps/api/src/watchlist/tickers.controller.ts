import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { decodeCursor } from '@seismo/db';
import { PageQueryDto } from '../common/query.dto';
import { limitOf, SymbolPipe } from '../common/params';
import { CreateTickerDto } from './watchlist.dto';
import { WatchlistService } from './watchlist.service';

@ApiTags('watchlist')
@ApiBearerAuth()
@Controller('tickers')
export class TickersController {
  constructor(private readonly watchlist: WatchlistService) {}

  @Get()
  list(@Query() q: PageQueryDto) {
    return this.watchlist.tickers.list(limitOf(q.limit), decodeCursor(q.cursor));
  }

  @Post()
  async create(@Body() dto: CreateTickerDto) {
    const t = await this.watchlist.tickers.upsert(dto);
    await this.watchlist.changed();
    return t;
  }

  @Delete(':symbol')
  async remove(@Param('symbol', SymbolPipe) symbol: string) {
    const t = await this.watchlist.tickers.delete(symbol);
    await this.watchlist.changed();
    return t;
  }
}
