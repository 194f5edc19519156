export * from './sync';
export * from './school';
export * from './auth';
export * from './grades';
export * from './homeroom';
export * from './integrity';
export * from './privacy';
export * from './timetable';
