export * from './migrator';
export * from './engine';
