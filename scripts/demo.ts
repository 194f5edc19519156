/** `npm run demo`: the app with the demo school on embedded PGlite in ./data (no database server needed). */
process.env.DEMO ??= '1';
await import('./start');

export {};
