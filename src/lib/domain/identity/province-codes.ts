/**
 * Province codes of the place of birth registration, digits 1–3 of the
 * 12-digit personal identification number (docs/domain/identity.md §1.1,
 * annex of TT 07/2016/TT-BCA, kept by TT 59/2021/TT-BCA).
 *
 * These are the 63 pre-2025 provinces. The codes stay valid after the
 * 1 Jul 2025 mergers and are historical facts about the birth registration,
 * never the person's current province (rule I2 in SPEC.md).
 *
 * Pitfall: 002 is Hà Giang; at least one public code base maps it to TP.HCM.
 */
export const PROVINCES = [
	{ code: '001', name: 'Hà Nội' },
	{ code: '002', name: 'Hà Giang' },
	{ code: '004', name: 'Cao Bằng' },
	{ code: '006', name: 'Bắc Kạn' },
	{ code: '008', name: 'Tuyên Quang' },
	{ code: '010', name: 'Lào Cai' },
	{ code: '011', name: 'Điện Biên' },
	{ code: '012', name: 'Lai Châu' },
	{ code: '014', name: 'Sơn La' },
	{ code: '015', name: 'Yên Bái' },
	{ code: '017', name: 'Hòa Bình' },
	{ code: '019', name: 'Thái Nguyên' },
	{ code: '020', name: 'Lạng Sơn' },
	{ code: '022', name: 'Quảng Ninh' },
	{ code: '024', name: 'Bắc Giang' },
	{ code: '025', name: 'Phú Thọ' },
	{ code: '026', name: 'Vĩnh Phúc' },
	{ code: '027', name: 'Bắc Ninh' },
	{ code: '030', name: 'Hải Dương' },
	{ code: '031', name: 'Hải Phòng' },
	{ code: '033', name: 'Hưng Yên' },
	{ code: '034', name: 'Thái Bình' },
	{ code: '035', name: 'Hà Nam' },
	{ code: '036', name: 'Nam Định' },
	{ code: '037', name: 'Ninh Bình' },
	{ code: '038', name: 'Thanh Hóa' },
	{ code: '040', name: 'Nghệ An' },
	{ code: '042', name: 'Hà Tĩnh' },
	{ code: '044', name: 'Quảng Bình' },
	{ code: '045', name: 'Quảng Trị' },
	{ code: '046', name: 'Thừa Thiên Huế' },
	{ code: '048', name: 'Đà Nẵng' },
	{ code: '049', name: 'Quảng Nam' },
	{ code: '051', name: 'Quảng Ngãi' },
	{ code: '052', name: 'Bình Định' },
	{ code: '054', name: 'Phú Yên' },
	{ code: '056', name: 'Khánh Hòa' },
	{ code: '058', name: 'Ninh Thuận' },
	{ code: '060', name: 'Bình Thuận' },
	{ code: '062', name: 'Kon Tum' },
	{ code: '064', name: 'Gia Lai' },
	{ code: '066', name: 'Đắk Lắk' },
	{ code: '067', name: 'Đắk Nông' },
	{ code: '068', name: 'Lâm Đồng' },
	{ code: '070', name: 'Bình Phước' },
	{ code: '072', name: 'Tây Ninh' },
	{ code: '074', name: 'Bình Dương' },
	{ code: '075', name: 'Đồng Nai' },
	{ code: '077', name: 'Bà Rịa – Vũng Tàu' },
	{ code: '079', name: 'TP. Hồ Chí Minh' },
	{ code: '080', name: 'Long An' },
	{ code: '082', name: 'Tiền Giang' },
	{ code: '083', name: 'Bến Tre' },
	{ code: '084', name: 'Trà Vinh' },
	{ code: '086', name: 'Vĩnh Long' },
	{ code: '087', name: 'Đồng Tháp' },
	{ code: '089', name: 'An Giang' },
	{ code: '091', name: 'Kiên Giang' },
	{ code: '092', name: 'Cần Thơ' },
	{ code: '093', name: 'Hậu Giang' },
	{ code: '094', name: 'Sóc Trăng' },
	{ code: '095', name: 'Bạc Liêu' },
	{ code: '096', name: 'Cà Mau' }
] as const;

export type ProvinceCode = (typeof PROVINCES)[number]['code'];

export interface Province {
	readonly code: ProvinceCode;
	readonly name: string;
}

const BY_CODE: ReadonlyMap<string, Province> = new Map(PROVINCES.map((p) => [p.code, p]));

export function isProvinceCode(code: string): code is ProvinceCode {
	return BY_CODE.has(code);
}

export function provinceByCode(code: string): Province | undefined {
	return BY_CODE.get(code);
}
