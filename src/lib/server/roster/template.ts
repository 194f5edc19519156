/**
 * The downloadable Vietnamese roster template (.xlsx): the columns of roster SPEC RI1 with an
 * example row, ID/phone/code columns formatted as text so Excel keeps leading zeros, and a guide
 * sheet saying how each column is read.
 */
import ExcelJS from 'exceljs';
import { COLUMNS } from '../../domain/roster/columns';

const TEXT_COLUMNS = new Set(['moetCode', 'personalId', 'g1.personalId', 'g2.personalId', 'g1.phone', 'g2.phone']);

const GUIDE = [
	['Cột', 'Cách ghi'],
	['Mã học sinh', 'Mã do hệ thống CSDL ngành cấp; chỉ chữ và số. Dùng để nhận ra học sinh khi nhập lại tệp đã sửa.'],
	['Họ và tên học sinh', 'Đầy đủ họ, tên đệm, tên, có dấu.'],
	['Ngày sinh', 'Ngày/tháng/năm, ví dụ 05/09/2014 (hoặc ô kiểu Ngày của Excel).'],
	['Giới tính', 'Nam hoặc Nữ.'],
	['Số định danh học sinh', '12 chữ số (số căn cước / mã định danh trên giấy khai sinh). Cột đã định dạng Văn bản để giữ số 0 ở đầu.'],
	['Lớp', 'Tên lớp của năm học hiện tại, ví dụ 6A1.'],
	['… (PH1), … (PH2)', 'Tối đa hai phụ huynh: Quan hệ (Cha, Mẹ, Người giám hộ), Họ và tên, Ngày sinh, Số định danh (12 chữ số), Điện thoại (10 chữ số). Bỏ trống cả nhóm nếu không có.'],
	['', 'Nhập lại cùng một tệp không thay đổi gì; tệp đã sửa chỉ cập nhật những gì khác, không tạo bản ghi trùng.']
];

export async function rosterTemplate(): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('Danh sách');
	sheet.columns = [{ header: 'STT', key: 'stt', width: 5 }, ...COLUMNS.map((c) => ({ header: c.header, key: c.key, width: Math.max(12, c.header.length + 2), style: TEXT_COLUMNS.has(c.key) ? { numFmt: '@' } : {} }))];
	sheet.getRow(1).font = { bold: true };
	sheet.addRow({ stt: 1, ...Object.fromEntries(COLUMNS.map((c) => [c.key, c.example])) });
	sheet.views = [{ state: 'frozen', ySplit: 1 }];
	const guide = workbook.addWorksheet('Hướng dẫn');
	guide.columns = [{ width: 24 }, { width: 100 }];
	for (const line of GUIDE) guide.addRow(line);
	guide.getRow(1).font = { bold: true };
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}
