/**
 * `npm start`: one process serving the built SvelteKit app and the sync endpoint on one port.
 * (`npm run sync-server` runs the sync server alone; see sync-server/main.ts.)
 */
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { jsonLineLog } from '../sync-server/log';
import { logUnhandledRejections, stopOnSignals } from '../sync-server/process-guards';
import { composeApp } from './compose';

type Handler = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, next?: () => void) => void;

const handlerPath = resolve('build/handler.js');
if (!existsSync(handlerPath)) {
	console.error('Chưa có bản build (build/handler.js). Hãy chạy "npm run build" trước. / Run "npm run build" first.');
	process.exit(1);
}

const log = jsonLineLog();
// A database error on some path nobody awaited is logged; it must never take every socket down.
logUnhandledRejections(log);

const app = await composeApp(process.env);
// adapter-node takes the public origin from ORIGIN; without it, it assumes https and SvelteKit's
// CSRF check refuses every form posted over plain http.
process.env.ORIGIN = app.config.origin;
const { handler } = (await import(pathToFileURL(handlerPath).href)) as { handler: Handler };

const server = createServer((req, res) => handler(req, res));
server.on('upgrade', (request, socket, head) => {
	if (!app.syncServer.handleUpgrade(request, socket, head)) socket.destroy();
});

server.listen(app.config.port, app.config.host, () => {
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : app.config.port;
	const url = port === app.config.port ? app.config.origin : `http://localhost:${port}`;
	console.log(`Sổ Điểm đang chạy tại ${url} (cơ sở dữ liệu: ${app.services.dbKind}, cổng ${port})`);
	if (app.config.demo) console.log(`Bản dùng thử: mở ${url}/dang-nhap để đăng nhập${app.config.vneid ? ` qua VNeID (mô phỏng) ${app.config.vneid.issuer}` : ''}.`);
});

stopOnSignals(
	async () => {
		console.log('Đang dừng…');
		server.close();
		await app.close();
	},
	{ log, pendingUpdates: () => app.syncServer.stats().pendingUpdates }
);
