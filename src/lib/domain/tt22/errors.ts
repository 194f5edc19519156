/**
 * The one error vocabulary of the TT22 engine. Invalid input is never turned into a number:
 * throwing functions raise `Tt22Error`, the `try*` variants return `Tt22Result` values the grid
 * can show as they are (messages are Vietnamese, NFC).
 */

export type Tt22ErrorCode =
	| 'NOT_A_NUMBER'
	| 'MARK_OUT_OF_RANGE'
	| 'TOO_MANY_DECIMALS'
	| 'MISSING_MARK'
	| 'WRONG_MARK_COUNT'
	| 'INVALID_MARK'
	| 'INVALID_LEVEL'
	| 'INVALID_RULE'
	| 'INVALID_PERIOD_COUNT'
	| 'INVALID_SUBJECT'
	| 'NO_SUBJECTS'
	| 'NEGATIVE_ABSENCES'
	| 'INVALID_ABSENCES';

export class Tt22Error extends Error {
	readonly code: Tt22ErrorCode;
	/** Which input the error is about, as the gradebook labels it (e.g. "ĐĐGck", "Môn 3"). */
	readonly field: string | undefined;

	constructor(code: Tt22ErrorCode, message: string, field?: string) {
		super(message);
		this.name = 'Tt22Error';
		this.code = code;
		this.field = field;
	}
}

export type Tt22Result<T> =
	| { ok: true; value: T }
	| { ok: false; code: Tt22ErrorCode; reason: string; field?: string };

/**
 * Runs a throwing engine function and turns a `Tt22Error` into a result value.
 * Any other exception is a bug in the caller or the engine and is re-thrown, never hidden.
 */
export function attempt<T>(run: () => T): Tt22Result<T> {
	try {
		return { ok: true, value: run() };
	} catch (error) {
		if (!(error instanceof Tt22Error)) throw error;
		return error.field === undefined
			? { ok: false, code: error.code, reason: error.message }
			: { ok: false, code: error.code, reason: error.message, field: error.field };
	}
}
