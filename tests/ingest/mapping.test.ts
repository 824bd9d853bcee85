import { describe, expect, it } from 'vitest';
import { ingest, ingestSources, loadMappingFile, validateMapping } from '../../src/ingest/index.js';
import { bytes, expectAccounting, fixture } from './helpers.js';

describe('mapping file', () => {
  it('adds header and value synonyms, per column, and mapped labels win over built-in ones', async () => {
    const mapping = loadMappingFile(fixture('mapping', 'mapping.json'));
    const result = await ingest([fixture('mapping', 'mapped.csv')], { mapping });
    expectAccounting(result);
    expect(result.rejections).toEqual([]);
    expect(result.files[0].columns).toEqual([
      { header: 'Løpenr', canonical: 'person_id' },
      { header: 'Kontor', canonical: 'office' },
      { header: 'Gruppe', canonical: 'group' },
      { header: 'Sluttkode', canonical: 'outcome' },
      { header: 'Kjønn', canonical: 'gender' },
      // Utfall is a built-in outcome synonym, but the mapped Sluttkode wins.
      { header: 'Utfall', canonical: null },
    ]);
    expect(result.records.map((r) => [r.personId, r.group, r.outcome, r.gender])).toEqual([
      ['L1', 'hybrid', 'job', 'F'],
      ['L2', 'usual', 'none', 'M'], // group K → usual; outcome "job" mapped to none wins
      ['L3', 'hybrid', null, 'F'], // built-in labels still work; gender K is still F
    ]);
  });

  it('without the mapping the file lacks person_id', async () => {
    await expect(ingest([fixture('mapping', 'mapped.csv')])).rejects.toThrow(/required column person_id is missing/);
  });

  it('refuses invalid mapping files with a UsageError naming the problem', async () => {
    const cases: [string, RegExp][] = [
      ['not-json.json', /^mapping file .*not-json\.json: not valid JSON/],
      ['bad-shape.json', /^mapping file .*bad-shape\.json: values\.group\.hybrid must be an array of strings$/],
      ['bad-column.json', /columns\.person is not a canonical column/],
      ['bad-value.json', /values\.group\.treatment is not a value of group \(one of hybrid, usual\)/],
      ['missing.json', /mapping file .*missing\.json: cannot be read \(ENOENT\)/],
    ];
    for (const [name, message] of cases) {
      expect(() => loadMappingFile(fixture('mapping', name))).toThrow(message);
      try {
        loadMappingFile(fixture('mapping', name));
      } catch (error) {
        expect((error as Error).name).toBe('UsageError');
      }
    }
  });

  it('refuses a label mapped to two values and unknown keys', async () => {
    expect(() => validateMapping({ values: { group: { hybrid: ['X'], usual: ['x'] } } }, 'm.json')).toThrow(
      'm.json: group label "x" is mapped to both hybrid and usual',
    );
    expect(() => validateMapping({ column: {} }, 'm.json')).toThrow(/unknown key "column"/);
    expect(() => validateMapping([], 'm.json')).toThrow(/must be a JSON object/);
  });

  it('lets a mapping settle two headers that mean the same column', async () => {
    const text = 'person_id,office,group,status,utfall\nA,NAV A,hybrid,active,jobb\n';
    const source = [{ name: 'x.csv', bytes: bytes(text) }];
    await expect((async () => await ingestSources(source))()).rejects.toThrow(/both mean outcome/);
    const result = await ingestSources(source, { mapping: { columns: { outcome: ['utfall'] } } });
    expect(result.records[0].outcome).toBe('job');
  });

  it('prefers the canonical name over a built-in synonym', async () => {
    const text = 'person_id,id,office,group,outcome\nA,1,NAV A,hybrid,job\n';
    const result = await ingestSources([{ name: 'x.csv', bytes: bytes(text) }]);
    expect(result.records[0].personId).toBe('A');
  });
});
