/**
 * The purpose notice (thông báo xử lý dữ liệu cá nhân) a guardian reads and accepts before any of
 * their child's data opens (privacy SPEC PR1, docs/domain/privacy.md §6). Versioned in code: a
 * change of content needs a new `version`, and every guardian is asked again (PR2).
 */

export interface NoticeSection {
	heading: string;
	paragraphs: string[];
}

export interface PurposeNotice {
	version: string;
	title: string;
	sections: NoticeSection[];
}

export const PURPOSE_NOTICE: PurposeNotice = {
	version: '2026-02',
	title: 'Thông báo về việc xử lý dữ liệu cá nhân của con và của phụ huynh',
	sections: [
		{
			heading: 'Dữ liệu nào được xử lý',
			paragraphs: [
				'Của con: họ tên, ngày sinh, giới tính, mã học sinh, số định danh cá nhân, lớp học, điểm số và nhận xét của giáo viên, kết quả rèn luyện, số buổi nghỉ học, các yêu cầu sửa điểm.',
				'Của phụ huynh: họ tên, ngày sinh, số định danh cá nhân, số điện thoại nhà trường đã ghi, quan hệ với con, và thời điểm đăng nhập.'
			]
		},
		{
			heading: 'Để làm gì',
			paragraphs: [
				'Để phụ huynh theo dõi kết quả học tập và rèn luyện của con theo Thông tư 22/2021/TT-BGDĐT, nhận thông báo của nhà trường, và xác minh đúng người là cha, mẹ hoặc người giám hộ của con. Dữ liệu không được dùng cho quảng cáo và không được bán hay chia sẻ cho bên khác.'
			]
		},
		{
			heading: 'Ai được xem',
			paragraphs: [
				'Giáo viên dạy con xem điểm môn mình dạy; giáo viên chủ nhiệm xem thêm rèn luyện và số buổi nghỉ; ban giám hiệu xem toàn bộ hồ sơ học tập của trường. Phụ huynh chỉ xem dữ liệu của chính con mình. Mỗi lần xem đều được ghi lại, và phụ huynh xem được ai đã xem dữ liệu của con ở mục «Ai đã xem».'
			]
		},
		{
			heading: 'Lưu trong bao lâu',
			paragraphs: [
				'Hồ sơ đánh giá (sổ điểm, học bạ) được lưu theo quy định lưu trữ của ngành giáo dục. Nhật ký truy cập (ai đã xem dữ liệu của con) được lưu 24 tháng — đủ để trả lời cho năm học này và năm học trước — rồi tự động xóa.'
			]
		},
		{
			heading: 'Quyền của phụ huynh',
			paragraphs: [
				'Phụ huynh có quyền được biết, xem và tải về toàn bộ dữ liệu hệ thống giữ về con (mục «Dữ liệu của con»), yêu cầu sửa dữ liệu sai, yêu cầu hạn chế xử lý, rút lại sự đồng ý, và khiếu nại. Hồ sơ đánh giá theo quy định không thể xóa theo yêu cầu.',
				'Nếu không đồng ý hoặc rút lại sự đồng ý, con vẫn học và được đánh giá bình thường; nhà trường tiếp tục gửi kết quả cho phụ huynh bằng sổ liên lạc giấy.',
				'Rút lại sự đồng ý bằng nút «Rút lại đồng ý» ở cuối trang này, bất cứ lúc nào. Từ lúc đó, phụ huynh không xem được dữ liệu của con trên Sổ Điểm (kể cả trên điện thoại đang mở) cho đến khi đọc và đồng ý lại. Việc rút lại không xóa hồ sơ đánh giá của con và không xóa những gì đã xảy ra trước đó: nhà trường vẫn giữ sổ điểm theo quy định, và nhật ký truy cập vẫn ghi những lần xem trước.'
			]
		},
		{
			heading: 'Liên hệ',
			paragraphs: [
				'Nhà trường là bên kiểm soát dữ liệu. Mọi câu hỏi, yêu cầu sửa dữ liệu hoặc khiếu nại xin gửi cho ban giám hiệu nhà trường (trực tiếp tại văn phòng hoặc qua giáo viên chủ nhiệm).'
			]
		}
	]
};

/** The version a guardian must have accepted now. */
export const CURRENT_NOTICE_VERSION = PURPOSE_NOTICE.version;
