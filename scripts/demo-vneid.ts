/**
 * The VNeID simulator as the demo and the end-to-end tests run it: seeded with the demo school's
 * staff and guardians (plus two citizens no school registered), with the app registered as its
 * one client. Returns the VNEID_* settings that point the app at it. Never for production: the
 * simulator itself refuses NODE_ENV=production.
 */
import { randomBytes } from 'node:crypto';
import { demoCitizens } from './demo/demo-citizens';
import { generateDemoSchool } from './demo/demo-school';
import { startVneidSimulator, type VneidSimulator } from '../tests/tools/vneid-simulator/simulator';

export const DEMO_CLIENT_ID = 'so-diem-demo';

export interface DemoVneid {
	simulator: VneidSimulator;
	env: { VNEID_ISSUER: string; VNEID_CLIENT_ID: string; VNEID_CLIENT_SECRET: string };
}

export async function startDemoVneid(options: { appOrigin: string; port: number; host?: string }): Promise<DemoVneid> {
	const clientSecret = randomBytes(24).toString('base64url');
	const simulator = await startVneidSimulator({
		port: options.port,
		host: options.host,
		citizens: demoCitizens(generateDemoSchool()),
		clients: [
			{
				clientId: DEMO_CLIENT_ID,
				clientSecret,
				redirectUris: [`${options.appOrigin}/login/vneid/callback`],
				postLogoutRedirectUris: [`${options.appOrigin}/dang-nhap`]
			}
		]
	});
	return { simulator, env: { VNEID_ISSUER: simulator.issuer, VNEID_CLIENT_ID: DEMO_CLIENT_ID, VNEID_CLIENT_SECRET: clientSecret } };
}
