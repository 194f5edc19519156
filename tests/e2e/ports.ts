/**
 * Ports of the end-to-end run: the app on E2E_PORT (default 4173) and the VNeID simulator it signs
 * in through on E2E_PORT + 1000, so parallel runs on other E2E_PORTs never collide.
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 4173);
export const SIMULATOR_PORT = E2E_PORT + 1000;
export const APP_URL = `http://127.0.0.1:${E2E_PORT}`;
export const SIMULATOR_URL = `http://127.0.0.1:${SIMULATOR_PORT}`;
