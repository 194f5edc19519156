// CLI: node --import tsx tests/tools/vneid-simulator/main.ts
//
//   VNEID_SIM_PORT      port (default 4455; 0 = random)
//   VNEID_SIM_HOST      bind address (default 127.0.0.1)
//   VNEID_SIM_ISSUER    issuer URL (default http://<host>:<port>)
//   VNEID_SIM_CITIZENS  path to a JSON array of citizens (default: citizens.example.json next to this file)
//   VNEID_SIM_CLIENTS   required: JSON (array or single object) or a path to a JSON file of clients
//
// Prints the issuer URL as the only line on stdout; everything else goes to stderr.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startVneidSimulator, type Citizen, type SimulatorClient } from './simulator';

function parseJson(text: string, what: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch (error) {
		throw new Error(`${what}: invalid JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
	}
}

async function main(): Promise<void> {
	const env = process.env;
	const port = Number(env.VNEID_SIM_PORT || 4455);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('VNEID_SIM_PORT must be a port number');
	if (!env.VNEID_SIM_CLIENTS) {
		throw new Error(
			'VNEID_SIM_CLIENTS is required, e.g. ' +
				`'[{"clientId":"so-diem","clientSecret":"dev-secret","redirectUris":["http://localhost:3000/login/vneid/callback"]}]'`
		);
	}
	const citizensPath = env.VNEID_SIM_CITIZENS ?? fileURLToPath(new URL('./citizens.example.json', import.meta.url));
	const citizens = parseJson(readFileSync(citizensPath, 'utf8'), `VNEID_SIM_CITIZENS (${citizensPath})`);
	const clientsSource = env.VNEID_SIM_CLIENTS;
	const clientsText = /^\s*[[{]/.test(clientsSource) ? clientsSource : readFileSync(clientsSource, 'utf8');
	const clients = parseJson(clientsText, 'VNEID_SIM_CLIENTS');

	const simulator = await startVneidSimulator({
		port,
		host: env.VNEID_SIM_HOST || undefined,
		issuer: env.VNEID_SIM_ISSUER || undefined,
		// Shapes are validated by startVneidSimulator, with readable errors.
		citizens: citizens as Citizen[],
		clients: (Array.isArray(clients) ? clients : [clients]) as SimulatorClient[]
	});
	console.log(simulator.issuer);
	console.error(`VNeID simulator ready: ${simulator.issuer}/.well-known/openid-configuration (citizens: ${simulator.issuer}/citizens)`);

	const stop = (signal: NodeJS.Signals) => {
		console.error(`VNeID simulator: ${signal}, closing`);
		simulator.close().then(
			() => process.exit(0),
			(error: unknown) => {
				console.error(error);
				process.exit(1);
			}
		);
	};
	process.once('SIGTERM', stop);
	process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
