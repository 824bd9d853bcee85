import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';

// Two runs in one process (a library user, parallel tests) must not share state:
// the reusable file buffer belongs to a run, not to the module.
describe('ingest runs at the same time', () => {
  it('read their own files', async () => {
    const realistic = 'tests/fixtures/pipeline/realistic';
    const noCounsellor = 'tests/fixtures/pipeline/no-counsellor';
    const [alone1, alone2] = [await ingest([realistic], {}), await ingest([noCounsellor], {})];
    const [together1, together2] = await Promise.all([ingest([realistic], {}), ingest([noCounsellor], {})]);
    expect(together1.rowsAccepted).toBe(alone1.rowsAccepted);
    expect(together2.rowsAccepted).toBe(alone2.rowsAccepted);
    expect(together1.columnsPresent.counsellorId).toBe(true);
    expect(together2.columnsPresent.counsellorId).toBe(false);
    expect(together1.records.map((r) => r.personId)).toEqual(alone1.records.map((r) => r.personId));
  });
});
