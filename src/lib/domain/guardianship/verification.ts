/**
 * The verification state machine of a guardian ↔ student link (guardianship SPEC GV1–GV6):
 * which step may follow which, and what each step must carry (method, evidence, reason). Pure:
 * the caller records who and when, and supplies what it checked (the card QR comparison, whether
 * the guardian signed in with VNeID).
 */
import { hasHiddenCharacter } from '../identity/vietnamese-name';

export const GUARDIANSHIP_STATES = ['declared', 'school_checked', 'authority_confirmed', 'needs_more_info', 'rejected', 'revoked'] as const;
export type GuardianshipState = (typeof GUARDIANSHIP_STATES)[number];

export const STATE_NAMES: Record<GuardianshipState, string> = {
	declared: 'Đã khai báo',
	school_checked: 'Nhà trường đã kiểm tra',
	authority_confirmed: 'Công an đã xác nhận',
	needs_more_info: 'Cần bổ sung',
	rejected: 'Từ chối',
	revoked: 'Đã thu hồi'
};

/** How the school checked the guardian's identity document (GV2). */
export type CheckMethod = 'qr' | 'sight' | 'vneid';

export const METHOD_NAMES: Record<CheckMethod | 'police_list' | 'import' | 'staff', string> = {
	qr: 'Quét mã QR trên căn cước',
	sight: 'Đối chiếu trực tiếp giấy tờ',
	vneid: 'Đăng nhập VNeID khớp danh tính',
	police_list: 'Danh sách xác nhận của công an',
	import: 'Nhập danh sách',
	staff: 'Cán bộ nhà trường'
};

export type VerificationStep =
	| { kind: 'school_check'; method: CheckMethod; evidence: string }
	| { kind: 'authority_confirm'; evidence: string }
	| { kind: 'ask_more_info'; reason: string }
	| { kind: 'reject'; reason: string }
	| { kind: 'revoke'; reason: string };

export interface StepContext {
	/** GV2: for 'qr', every field of the scanned card matched the declared guardian. */
	qrMatches?: boolean;
	/** GV2: for 'vneid', the guardian has signed in with VNeID under this personal ID. */
	signedInWithVneid?: boolean;
}

export type StepResult =
	| { ok: true; to: GuardianshipState; method: string; evidence: string; reason: string }
	| { ok: false; code: 'illegal-transition' | 'reason-required' | 'evidence-required' | 'qr-mismatch' | 'no-vneid-sign-in' | 'hidden-character'; message: string };

/** GV1: the only transitions; everything else is refused. */
const ALLOWED: Record<VerificationStep['kind'], { from: readonly GuardianshipState[]; to: GuardianshipState }> = {
	school_check: { from: ['declared', 'needs_more_info'], to: 'school_checked' },
	authority_confirm: { from: ['school_checked'], to: 'authority_confirmed' },
	ask_more_info: { from: ['declared', 'school_checked'], to: 'needs_more_info' },
	reject: { from: ['declared', 'needs_more_info', 'school_checked'], to: 'rejected' },
	revoke: { from: ['declared', 'needs_more_info', 'school_checked', 'authority_confirmed'], to: 'revoked' }
};

const STEP_NAMES: Record<VerificationStep['kind'], string> = {
	school_check: 'xác nhận nhà trường đã kiểm tra',
	authority_confirm: 'ghi nhận công an xác nhận',
	ask_more_info: 'yêu cầu bổ sung',
	reject: 'từ chối',
	revoke: 'thu hồi'
};

const MAX_TEXT = 500;
const tidy = (text: string) => text.normalize('NFC').trim().replace(/\s+/g, ' ').slice(0, MAX_TEXT);

/** GV1–GV5: the state after `step`, or why it is refused. */
export function applyStep(from: GuardianshipState, step: VerificationStep, context: StepContext = {}): StepResult {
	const rule = ALLOWED[step.kind];
	if (!rule.from.includes(from)) {
		return { ok: false, code: 'illegal-transition', message: `Không thể ${STEP_NAMES[step.kind]} khi liên kết đang ở trạng thái "${STATE_NAMES[from]}".` };
	}
	const text = 'reason' in step ? step.reason : step.evidence;
	if (hasHiddenCharacter(text)) return { ok: false, code: 'hidden-character', message: 'Nội dung chứa ký tự ẩn; hãy gõ lại.' };
	const clean = tidy(text);
	switch (step.kind) {
		case 'school_check':
			if (step.method === 'qr' && context.qrMatches !== true) return { ok: false, code: 'qr-mismatch', message: 'Mã QR trên căn cước không khớp với người giám hộ đã khai báo.' };
			if (step.method === 'vneid' && context.signedInWithVneid !== true) return { ok: false, code: 'no-vneid-sign-in', message: 'Người giám hộ chưa đăng nhập bằng VNeID với số định danh này.' };
			if (step.method === 'sight' && clean.length < 3) return { ok: false, code: 'evidence-required', message: 'Ghi rõ giấy tờ đã đối chiếu (ví dụ: căn cước bản gốc và giấy khai sinh của học sinh).' };
			return { ok: true, to: rule.to, method: step.method, evidence: clean, reason: '' };
		case 'authority_confirm':
			if (clean.length < 3) return { ok: false, code: 'evidence-required', message: 'Ghi số văn bản xác nhận của công an.' };
			return { ok: true, to: rule.to, method: 'police_list', evidence: clean, reason: '' };
		default:
			if (clean.length < 3) return { ok: false, code: 'reason-required', message: 'Ghi rõ lý do.' };
			return { ok: true, to: rule.to, method: 'staff', evidence: '', reason: clean };
	}
}

/** The steps a link in `state` may take next (for the desk's buttons). */
export function nextSteps(state: GuardianshipState): Array<VerificationStep['kind']> {
	return (Object.keys(ALLOWED) as Array<VerificationStep['kind']>).filter((kind) => ALLOWED[kind].from.includes(state));
}
