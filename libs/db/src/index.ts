export * from './prisma.service';
export * from './db.module';
export * from './repositories';
export * from './migrations';
export type { Alert, AlertRule, Article, ArticleScore, Feed, Keyword, PriceBar, Snooze, Ticker, WebhookDelivery, WebhookEndpoint, ApiKey } from './generated/prisma/client';
export { Prisma } from './generated/prisma/client';
export * from './mappers';
