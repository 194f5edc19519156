import { describe, expect, it } from 'vitest';
import { parseControlEvent, type ControlEvent } from './control-events';

// sync-server SPEC F2: what travels on the control channel, and nothing else.
describe('parseControlEvent', () => {
	it('reads back every event as published', () => {
		const events: ControlEvent[] = [
			{ type: 'document-cap', document: 'gradebook/thcs-nvb/2025-2026/hk1/9a1/toan', cap: 'read' },
			{ type: 'document-cap', document: 'gradebook/thcs-nvb/2025-2026/hk1/9a1/toan', cap: null },
			{ type: 'person', personId: 'p-1' },
			{ type: 'session-ended', sessionId: 's-1' },
			// V19: a school year's students left or returned.
			{ type: 'class-students', school: 'thcs-nvb', year: '2025-2026' }
		];
		for (const event of events) expect(parseControlEvent(JSON.stringify(event))).toEqual(event);
	});

	it('drops anything else: garbage, unknown types, missing or mistyped fields, a raised cap', () => {
		for (const text of ['', 'null', '[]', '{"type":"person"}', '{"type":"person","personId":1}', '{"type":"document-cap","document":"x","cap":"write"}', '{"type":"reboot"}', '{"type":"class-students","school":"thcs-nvb"}']) {
			expect(parseControlEvent(text)).toBeNull();
		}
	});
});
