/**
 * `npm run demo`: the app with the demo school on embedded PGlite in ./data (no database server
 * needed), signing in through the VNeID simulator started in this same process.
 */
import { startDemoVneid } from './demo-vneid';

process.env.DEMO ??= '1';
const port = process.env.PORT ?? '3000';
const origin = process.env.ORIGIN ?? `http://localhost:${port}`;

if (!process.env.VNEID_ISSUER) {
	const { simulator, env } = await startDemoVneid({
		appOrigin: origin,
		port: Number(process.env.VNEID_SIM_PORT ?? 4455),
		host: process.env.VNEID_SIM_HOST
	});
	Object.assign(process.env, env);
	console.log(`VNeID (mô phỏng) đang chạy tại ${simulator.issuer} — danh sách công dân mẫu: ${simulator.issuer}/citizens`);
	console.log(`Đăng nhập: mở ${origin}, bấm "Đăng nhập bằng VNeID" rồi chọn một giáo viên, cán bộ hoặc phụ huynh trên trang VNeID (mô phỏng).`);
	console.log(`Cho script: ${origin}/login/vneid?login_hint=<số định danh> đăng nhập thẳng (theo các chuyển hướng), số lấy từ /citizens.`);
}

await import('./start');
