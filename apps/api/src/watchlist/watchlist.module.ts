import { Module } from '@nestjs/common';
import { KeywordsController } from './keywords.controller';
import { TickersController } from './tickers.controller';
import { WatchlistService } from './watchlist.service';

@Module({ controllers: [TickersController, KeywordsController], providers: [WatchlistService] })
export class WatchlistModule {}
