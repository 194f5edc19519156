import { describe, expect, it } from 'vitest';
import { matchSubject } from './subject-input';

const subjects = [
	{ code: 'toan', name: 'Toán', shortName: 'Toán' },
	{ code: 'ngu-van', name: 'Ngữ văn', shortName: 'Văn' },
	{ code: 'ngoai-ngu-1', name: 'Ngoại ngữ 1', shortName: 'NN1' },
	{ code: 'gdtc', name: 'Giáo dục thể chất', shortName: 'GDTC' },
	{ code: 'gdcd', name: 'Giáo dục công dân', shortName: 'GDCD' },
	{ code: 'ls-dl', name: 'Lịch sử và Địa lí', shortName: 'LS&ĐL' }
];

describe('TT6: typing a subject into a cell', () => {
	it('takes the short name or name, without diacritics, any case, or a unique prefix', () => {
		expect(matchSubject('Toán', subjects)).toEqual({ ok: true, code: 'toan' });
		expect(matchSubject('toan', subjects)).toEqual({ ok: true, code: 'toan' });
		expect(matchSubject('van', subjects)).toEqual({ ok: true, code: 'ngu-van' });
		expect(matchSubject('nn', subjects)).toEqual({ ok: true, code: 'ngoai-ngu-1' });
		expect(matchSubject('lsdl', subjects)).toEqual({ ok: true, code: 'ls-dl' });
		expect(matchSubject('LS&ĐL', subjects)).toEqual({ ok: true, code: 'ls-dl' });
	});
	it('says so when the text names several subjects or none', () => {
		expect(matchSubject('gd', subjects)).toEqual({ ok: false, message: '"gd" khớp nhiều môn: GDTC, GDCD.' });
		expect(matchSubject('Hóa', subjects)).toEqual({ ok: false, message: 'Lớp này không học môn "Hóa".' });
	});
});
