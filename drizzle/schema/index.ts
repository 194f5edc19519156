export * from './sync';
export * from './school';
export * from './auth';
