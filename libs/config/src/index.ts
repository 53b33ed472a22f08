export * from './config';
export * from './config.module';
export type { Env } from './config.schema';
export * from './node-args';
