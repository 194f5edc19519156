import { describe, expect, it } from 'vitest';
import { encodeCitizenId } from '../identity/citizen-id';
import { parseCccdQr } from '../identity/cccd-qr';
import { compareCardWithDeclared } from './card-comparison';
import { mapConfirmationHeader, readConfirmationRow, CONFIRMATION_COLUMNS } from './confirmation-list';
import { applyStep, GUARDIANSHIP_STATES, nextSteps, type VerificationStep } from './verification';

const check: VerificationStep = { kind: 'school_check', method: 'sight', evidence: 'Căn cước bản gốc' };

describe('verification state machine', () => {
	it('GV1 allows exactly the listed transitions', () => {
		const table = Object.fromEntries(GUARDIANSHIP_STATES.map((s) => [s, nextSteps(s)]));
		expect(table).toEqual({
			declared: ['school_check', 'ask_more_info', 'reject', 'revoke'],
			school_checked: ['authority_confirm', 'ask_more_info', 'reject', 'revoke'],
			authority_confirmed: ['revoke'],
			needs_more_info: ['school_check', 'reject', 'revoke'],
			rejected: [],
			revoked: []
		});
		expect(applyStep('declared', check)).toMatchObject({ ok: true, to: 'school_checked', method: 'sight', evidence: 'Căn cước bản gốc' });
		expect(applyStep('school_checked', { kind: 'authority_confirm', evidence: 'Văn bản 12/CAX ngày 01/12/2026' })).toMatchObject({ ok: true, to: 'authority_confirmed', method: 'police_list' });
	});

	it('GV1 refuses illegal transitions and names the current state', () => {
		expect(applyStep('declared', { kind: 'authority_confirm', evidence: 'Văn bản 1' })).toMatchObject({ ok: false, code: 'illegal-transition' });
		expect(applyStep('revoked', check)).toMatchObject({ ok: false, code: 'illegal-transition', message: expect.stringContaining('Đã thu hồi') });
		expect(applyStep('rejected', { kind: 'revoke', reason: 'Quyết định tòa án' })).toMatchObject({ ok: false, code: 'illegal-transition' });
		expect(applyStep('authority_confirmed', check)).toMatchObject({ ok: false, code: 'illegal-transition' });
	});

	it('GV2 a QR check needs a full match, a VNeID check a VNeID sign-in, a check by sight what was seen', () => {
		expect(applyStep('declared', { kind: 'school_check', method: 'qr', evidence: 'QR khớp' })).toMatchObject({ ok: false, code: 'qr-mismatch' });
		expect(applyStep('declared', { kind: 'school_check', method: 'qr', evidence: 'QR khớp' }, { qrMatches: true })).toMatchObject({ ok: true, method: 'qr' });
		expect(applyStep('declared', { kind: 'school_check', method: 'vneid', evidence: 'VNeID' })).toMatchObject({ ok: false, code: 'no-vneid-sign-in' });
		expect(applyStep('declared', { kind: 'school_check', method: 'vneid', evidence: 'VNeID' }, { signedInWithVneid: true })).toMatchObject({ ok: true, method: 'vneid' });
		expect(applyStep('declared', { kind: 'school_check', method: 'sight', evidence: ' ' })).toMatchObject({ ok: false, code: 'evidence-required' });
	});

	it('GV3 needs a reason to ask for more, reject or revoke', () => {
		for (const kind of ['ask_more_info', 'reject', 'revoke'] as const) {
			expect(applyStep('declared', { kind, reason: '' })).toMatchObject({ ok: false, code: 'reason-required' });
			expect(applyStep('declared', { kind, reason: 'Giấy khai sinh không khớp' })).toMatchObject({ ok: true, reason: 'Giấy khai sinh không khớp', method: 'staff' });
		}
	});

	it('GV4 a police confirmation needs its document', () => {
		expect(applyStep('school_checked', { kind: 'authority_confirm', evidence: '' })).toMatchObject({ ok: false, code: 'evidence-required' });
	});

	it('GV5 tidies text and refuses hidden characters', () => {
		expect(applyStep('declared', { kind: 'reject', reason: '  Sai   người\u0301 ' })).toMatchObject({ ok: true, reason: 'Sai ngườí' });
		expect(applyStep('declared', { kind: 'reject', reason: 'Sai \u202Engười' })).toMatchObject({ ok: false, code: 'hidden-character' });
		const long = applyStep('declared', { kind: 'reject', reason: 'x'.repeat(900) });
		expect(long.ok && long.reason.length).toBe(500);
	});
});

describe('card comparison', () => {
	const id = encodeCitizenId({ province: '001', sex: 'female', birthYear: 1985, serial: 4321 });
	const today = { year: 2026, month: 11, day: 30 };
	const card = (name: string, dob: string, number = id) => {
		const parsed = parseCccdQr(`${number}||${name}|${dob}|Nữ|Hà Nội|01012022`, { today });
		if (!parsed.ok) throw new Error(parsed.message);
		return parsed.data;
	};

	it('GV7 matches the same person whatever the case and tone placement', () => {
		const result = compareCardWithDeclared(card('TRẦN THỊ THUÝ', '12031985'), { personalId: id, fullName: 'Trần Thị Thúy', birthDate: '1985-03-12' });
		expect(result.allMatch).toBe(true);
		expect(result.fields.map((f) => f.scanned)).toEqual([id, 'Trần Thị Thuý', '12/03/1985']);
	});

	it('GV7 reports each differing field with both values', () => {
		const other = encodeCitizenId({ province: '001', sex: 'female', birthYear: 1985, serial: 9999 });
		const result = compareCardWithDeclared(card('TRẦN THỊ HOA', '13031985', other), { personalId: id, fullName: 'Trần Thị Thúy', birthDate: '1985-03-12' });
		expect(result.allMatch).toBe(false);
		expect(result.fields.map((f) => `${f.field} ${f.match} ${f.declared} ${f.scanned}`)).toEqual([
			`personalId false ${id} ${other}`,
			'fullName false Trần Thị Thúy Trần Thị Hoa',
			'birthDate false 12/03/1985 13/03/1985'
		]);
	});
});

describe('police confirmation list', () => {
	const guardianId = encodeCitizenId({ province: '001', sex: 'female', birthYear: 1985, serial: 4321 });
	const studentId = encodeCitizenId({ province: '001', sex: 'male', birthYear: 2014, serial: 1 });

	it('GV8 finds the columns by header and reads a row, restoring lost zeros', () => {
		const header = ['STT', ...CONFIRMATION_COLUMNS.map((c) => c.header.toUpperCase())];
		expect(mapConfirmationHeader(header)).toEqual([null, 'guardianId', 'guardianName', 'studentId', 'studentName', 'result', 'document', 'confirmedOn']);
		expect(mapConfirmationHeader(['Số định danh người giám hộ'])).toBeNull();
		const row = readConfirmationRow(2, { guardianId: Number(guardianId), studentId, result: 'Xác nhận', document: '123/CAP-QLHC', confirmedOn: '01/12/2026', guardianName: 'Trần Thị Thúy' });
		expect(row).toEqual({ ok: true, entry: { line: 2, guardianId, studentId, guardianName: 'Trần Thị Thúy', studentName: '', confirmed: true, evidence: 'Văn bản 123/CAP-QLHC ngày 01/12/2026' } });
		expect(readConfirmationRow(3, { guardianId, studentId, result: 'KHÔNG XÁC NHẬN', document: '1', confirmedOn: 46_357 })).toMatchObject({ ok: true, entry: { confirmed: false } });
	});

	it('GV8 refuses rows it cannot read', () => {
		expect(readConfirmationRow(2, { guardianId: '123', studentId, result: 'Xác nhận', document: '1', confirmedOn: '01/12/2026' })).toMatchObject({ ok: false });
		expect(readConfirmationRow(2, { guardianId, studentId, result: 'Có lẽ', document: '1', confirmedOn: '01/12/2026' })).toMatchObject({ ok: false, message: expect.stringContaining('Có lẽ'.toLowerCase()) });
		expect(readConfirmationRow(2, { guardianId, studentId, result: 'Đúng', document: '', confirmedOn: '01/12/2026' })).toMatchObject({ ok: false, message: 'Thiếu số văn bản.' });
		expect(readConfirmationRow(2, { guardianId, studentId, result: 'Đúng', document: '1', confirmedOn: 'hôm qua' })).toMatchObject({ ok: false });
	});
});
