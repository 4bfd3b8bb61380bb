// Search quality, measured on the labelled set: recall@1 and the precision of confident matches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, queryData, type TestDatabase } from './helpers.js';
import { labelledQueries } from './search-quality.fixture.js';

const RECALL_AT_1_BAR = 0.95;
const CONFIDENT_PRECISION_BAR = 0.98;

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

const RESOLVE = `query($name: String!, $type: SearchType, $country: String) {
  resolveEntity(name: $name, type: $type, context: { country: $country }) {
    match { entity { ... on Organization { slug } ... on Person { slug } } }
    candidates { score matchKind isConfident explanation entity { ... on Organization { slug } ... on Person { slug } } }
  }
}`;

describe('entity resolution on the labelled set', () => {
  it(`has at least 60 queries, recall@1 >= ${RECALL_AT_1_BAR} and confident precision >= ${CONFIDENT_PRECISION_BAR}`, async () => {
    expect(labelledQueries.length).toBeGreaterThanOrEqual(60);
    let positives = 0;
    let topHits = 0;
    let confident = 0;
    let confidentRight = 0;
    const failures: string[] = [];
    for (const q of labelledQueries) {
      const { resolveEntity } = await queryData(db, RESOLVE, { name: q.query, type: q.type ?? null, country: q.country ?? null });
      const top = resolveEntity.candidates[0];
      const matched: string | undefined = resolveEntity.match?.entity.slug;
      if (q.expected) {
        positives++;
        if (top?.entity.slug === q.expected) topHits++;
        else failures.push(`"${q.query}": expected ${q.expected} first, got ${top ? `${top.entity.slug} (${top.matchKind} ${top.score})` : 'nothing'}`);
      }
      if (matched) {
        confident++;
        if (matched === q.expected && !q.weak) confidentRight++;
        else failures.push(`"${q.query}": confident ${matched}, expected ${q.weak ? 'no confident match (weak name)' : (q.expected ?? 'none')}`);
      } else if (q.expected && !q.weak && top?.entity.slug === q.expected && top.score >= 0.95) {
        failures.push(`"${q.query}": ${q.expected} first at ${top.score} but not confident`);
      }
    }
    const recall = topHits / positives;
    const precision = confident === 0 ? 1 : confidentRight / confident;
    console.log(
      `search quality: ${labelledQueries.length} queries, recall@1 ${recall.toFixed(3)} (${topHits}/${positives}), ` +
        `confident precision ${precision.toFixed(3)} (${confidentRight}/${confident})` +
        (failures.length ? `\n  ${failures.join('\n  ')}` : ''),
    );
    expect(recall).toBeGreaterThanOrEqual(RECALL_AT_1_BAR);
    expect(precision).toBeGreaterThanOrEqual(CONFIDENT_PRECISION_BAR);
  });
});
