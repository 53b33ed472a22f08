export * from './queues';
export * from './jobs';
export * from './events';
