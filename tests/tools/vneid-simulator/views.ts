// HTML pages of the simulator, in Vietnamese. Deliberately plain: no scripts, no external assets.
import { maskPersonalId, type Citizen } from './citizens';

export const PAGE_TITLE = 'VNeID (mô phỏng)';

export function escapeHtml(value: string): string {
	return value
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;');
}

const STYLE = `body{font-family:system-ui,sans-serif;background:#f4f1ea;margin:0;padding:24px;color:#222}
main{max-width:460px;margin:0 auto;background:#fff;border-radius:8px;padding:20px 24px;box-shadow:0 1px 3px #0003}
h1{font-size:1.4em;color:#a31d1d;margin:0 0 4px}.note{font-size:.85em;color:#666}
ul{list-style:none;padding:0}li{margin:6px 0}
button{font:inherit;padding:8px 12px;border-radius:6px;border:1px solid #a31d1d;background:#fff;cursor:pointer}
button.citizen{width:100%;text-align:left}button.primary{background:#a31d1d;color:#fff}
.id{font-family:ui-monospace,monospace;color:#555;float:right;margin-left:8px}
.roles{display:block;font-size:.85em;color:#666}h3{font-size:1em;margin:14px 0 4px}
summary{cursor:pointer;font-weight:600;margin:14px 0 4px}
.error{background:#fde8e8;border:1px solid #e0a0a0;padding:8px 12px;border-radius:6px}
input{font:inherit;padding:8px;width:12em}`;

export function layout(heading: string, body: string): string {
	return `<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${PAGE_TITLE}</title><style>${STYLE}</style></head>
<body><main>
<h1>${escapeHtml(heading)}</h1>
<p class="note">Máy chủ mô phỏng dùng cho kiểm thử và trình diễn — không phải VNeID thật.</p>
${body}
</main></body>
</html>`;
}

export interface LoginPageInput {
	uid: string;
	clientId: string;
	citizens: Citizen[];
	error?: string;
	typedId?: string;
}

/** Groups above this size start collapsed, so a school's hundreds of parents do not bury its staff. */
const OPEN_GROUP_LIMIT = 40;
const DEFAULT_GROUP = 'Công dân';

function citizenButton(c: Citizen, index: number): string {
	const roles = c.roles?.length ? `<span class="roles">${escapeHtml(c.roles.join(' · '))}</span>` : '';
	return (
		`<li><button class="citizen" type="submit" name="citizen" value="${index}">` +
		`<span class="id">${maskPersonalId(c.personalId)}</span>${escapeHtml(c.name)}${roles}</button></li>`
	);
}

function citizenGroups(citizens: Citizen[]): string {
	const groups = new Map<string, string[]>();
	citizens.forEach((c, i) => {
		const name = c.group ?? DEFAULT_GROUP;
		groups.set(name, [...(groups.get(name) ?? []), citizenButton(c, i)]);
	});
	return [...groups]
		.map(([name, items], i) => {
			const list = `<ul>\n${items.join('\n')}\n</ul>`;
			const heading = `${escapeHtml(name)} (${items.length})`;
			if (i === 0 || items.length <= OPEN_GROUP_LIMIT) return `<h3>${heading}</h3>\n${list}`;
			return `<details><summary>${heading}</summary>\n${list}</details>`;
		})
		.join('\n');
}

export function loginPage({ uid, clientId, citizens, error, typedId }: LoginPageInput): string {
	const action = `/interaction/${encodeURIComponent(uid)}`;
	const errorBox = error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : '';
	return layout(
		'Đăng nhập bằng VNeID (mô phỏng)',
		`<p>Ứng dụng <strong>${escapeHtml(clientId)}</strong> yêu cầu xác thực danh tính của bạn.</p>
${errorBox}
<h2>Chọn công dân</h2>
<form method="post" action="${action}/login">
${citizens.length ? citizenGroups(citizens) : '<p>Chưa có công dân nào được khai báo.</p>'}
</form>
<h2>Hoặc nhập số định danh cá nhân</h2>
<form method="post" action="${action}/login">
<label for="personalId">Số định danh cá nhân (12 chữ số)</label><br>
<input id="personalId" name="personalId" inputmode="numeric" autocomplete="off" value="${escapeHtml(typedId ?? '')}">
<button class="primary" type="submit">Đăng nhập</button>
</form>
<form method="post" action="${action}/abort"><p><button type="submit">Hủy đăng nhập</button></p></form>`
	);
}

export function errorPage(title: string, details: Record<string, unknown>): string {
	const rows = Object.entries(details)
		.map(([k, v]) => `<li><strong>${escapeHtml(k)}</strong>: ${escapeHtml(String(v))}</li>`)
		.join('');
	return layout(title, `<ul>${rows}</ul>`);
}

/** `form` is oidc-provider's hidden form (id "op.logoutForm") carrying the xsrf token. */
export function logoutPage(form: string): string {
	return layout(
		'Đăng xuất khỏi VNeID (mô phỏng)?',
		`${form}
<p><button class="primary" autofocus type="submit" form="op.logoutForm" name="logout" value="yes">Có, đăng xuất</button>
<button type="submit" form="op.logoutForm">Không, giữ đăng nhập</button></p>`
	);
}

export function loggedOutPage(): string {
	return layout('Đã đăng xuất', '<p>Bạn đã đăng xuất khỏi VNeID (mô phỏng).</p>');
}
