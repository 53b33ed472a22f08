import { Global, Module } from '@nestjs/common';
import { PrismaService } from './prisma.service';
import {
  AlertsRepository,
  ApiKeysRepository,
  ArticlesRepository,
  FeedsRepository,
  KeywordsRepository,
  PricesRepository,
  RulesRepository,
  SignalStateRepository,
  SnoozesRepository,
  TickersRepository,
  WebhooksRepository,
} from './repositories';

const repositories = [
  TickersRepository,
  KeywordsRepository,
  FeedsRepository,
  ArticlesRepository,
  PricesRepository,
  RulesRepository,
  AlertsRepository,
  SignalStateRepository,
  SnoozesRepository,
  WebhooksRepository,
  ApiKeysRepository,
];

@Global()
@Module({ providers: [PrismaService, ...repositories], exports: [PrismaService, ...repositories] })
export class DbModule {}
