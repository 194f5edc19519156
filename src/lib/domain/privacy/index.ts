export * from './notice';
export * from './consent';
export * from './view-log';
