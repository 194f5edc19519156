/**
 * S1: the gradebook units a class is summarised over, from the curriculum data (C1, C3, C4):
 * the class's subjects in programme order, each with its ĐĐGtx count for the class's grade and
 * its programme subject (Âm nhạc and Mĩ thuật → Nghệ thuật).
 */
import {
	PROGRAMME_SUBJECT_NAMES,
	SUBJECTS,
	regularAssessmentCountFor,
	type Grade,
	type SubjectCode
} from '../curriculum/subjects';
import type { SummarySubject } from './types';

const PROGRAMME_SHORT_NAMES: Readonly<Record<string, string>> = { 'nghe-thuat': 'Nghệ thuật' };

/** Units in the programme's order; codes the curriculum does not know are left out. */
export function summarySubjects(codes: Iterable<string>, grade: Grade): SummarySubject[] {
	const wanted = new Set(codes);
	return SUBJECTS.filter((s) => wanted.has(s.code)).map((s) => ({
		code: s.code,
		name: s.name,
		shortName: s.shortName,
		assessment: s.assessment,
		regularCount: regularAssessmentCountFor(s.code as SubjectCode, grade),
		programmeSubject: s.programmeSubject,
		programmeName: PROGRAMME_SUBJECT_NAMES[s.programmeSubject],
		programmeShortName: PROGRAMME_SHORT_NAMES[s.programmeSubject] ?? s.shortName
	}));
}
