/** What the "sign-in did not succeed" page says for each refusal: Vietnamese first, one English line. */
import type { SignInRefusal } from './vneid-sign-in';

export type SignInProblemReason = SignInRefusal | 'not-configured';

export interface SignInProblemText {
	title: string;
	detail: string;
	english: string;
}

const UNVERIFIED: SignInProblemText = {
	title: 'Không xác minh được kết quả đăng nhập từ VNeID',
	detail: 'Vì an toàn, Sổ Điểm đã từ chối kết quả đăng nhập này và không tạo phiên làm việc nào. Hãy đăng nhập lại; nếu lỗi lặp lại, hãy báo cho quản trị viên.',
	english: 'The response from VNeID could not be verified, so it was refused and no session was created.'
};

const TEXTS: Record<SignInProblemReason, SignInProblemText> = {
	'not-registered': {
		title: 'Số định danh của bạn chưa được trường nào đăng ký — liên hệ nhà trường',
		detail: 'Bạn đã xác thực với VNeID, nhưng chưa có trường nào dùng Sổ Điểm đăng ký số định danh này cho cán bộ, giáo viên hay phụ huynh. Hãy liên hệ văn phòng nhà trường hoặc giáo viên chủ nhiệm để được thêm vào.',
		english: 'Your personal ID number has not been registered by any school — please contact the school.'
	},
	disabled: {
		title: 'Tài khoản của bạn đã bị vô hiệu hóa',
		detail: 'Nhà trường đã tạm ngừng quyền truy cập Sổ Điểm của bạn. Nếu bạn cho rằng đây là nhầm lẫn, hãy liên hệ ban giám hiệu.',
		english: 'Your access has been disabled by the school.'
	},
	cancelled: {
		title: 'Bạn đã hủy đăng nhập VNeID',
		detail: 'Chưa có phiên làm việc nào được tạo. Bạn có thể đăng nhập lại bất cứ lúc nào.',
		english: 'You cancelled the VNeID sign-in.'
	},
	'state-mismatch': {
		title: 'Phiên đăng nhập đã hết hạn hoặc không bắt đầu từ trình duyệt này',
		detail: 'Hãy bắt đầu lại từ nút "Đăng nhập bằng VNeID" (đừng mở lại một liên kết đăng nhập cũ).',
		english: 'The sign-in expired or was not started in this browser; please start again.'
	},
	'provider-unavailable': {
		title: 'Không kết nối được với VNeID',
		detail: 'Máy chủ VNeID chưa phản hồi. Hãy thử lại sau ít phút.',
		english: 'VNeID could not be reached; please try again in a few minutes.'
	},
	'invalid-personal-id': {
		title: 'Số định danh nhận từ VNeID không hợp lệ',
		detail: 'Số định danh cá nhân trong kết quả đăng nhập không đúng cấu trúc 12 chữ số hoặc không khớp với ngày sinh. Hãy báo cho quản trị viên.',
		english: 'The personal ID number received from VNeID is not valid.'
	},
	'invalid-name': {
		title: 'Họ tên nhận từ VNeID chứa ký tự ẩn',
		detail: 'Họ tên trong kết quả đăng nhập có ký tự điều khiển hướng chữ hoặc ký tự không độ rộng, nên Sổ Điểm đã từ chối và không tạo phiên làm việc nào. Hãy báo cho quản trị viên.',
		english: 'The name received from VNeID contains hidden (bidi or zero-width) characters and was refused.'
	},
	'identity-conflict': {
		title: 'Tài khoản VNeID này đã gắn với một người khác trong Sổ Điểm',
		detail: 'Vì an toàn, Sổ Điểm không cho đăng nhập. Hãy liên hệ nhà trường để kiểm tra hồ sơ.',
		english: 'This VNeID account is already linked to another person.'
	},
	'not-configured': {
		title: 'Đăng nhập bằng VNeID chưa được cấu hình trên máy chủ này',
		detail: 'Hãy liên hệ quản trị viên hệ thống.',
		english: 'VNeID sign-in is not configured on this server.'
	},
	'issuer-mismatch': UNVERIFIED,
	'invalid-id-token': UNVERIFIED,
	'code-rejected': UNVERIFIED,
	'provider-error': UNVERIFIED,
	'userinfo-failed': UNVERIFIED,
	'missing-claims': UNVERIFIED
};

const UNKNOWN: SignInProblemText = {
	title: 'Đăng nhập không thành công',
	detail: 'Hãy thử đăng nhập lại.',
	english: 'Sign-in did not succeed; please try again.'
};

export function signInProblemText(reason: string | null): SignInProblemText {
	return reason !== null && reason in TEXTS ? TEXTS[reason as SignInProblemReason] : UNKNOWN;
}
