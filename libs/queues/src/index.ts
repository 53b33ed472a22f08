export * from './redis';
export * from './string-prototype';
export * from './tokens';
export * from './redis.module';
export * from './events.publisher';
export * from './queues.module';
export * from './producers';
