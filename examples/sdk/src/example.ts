// `node --import tsx examples/sdk/src/example.ts [endpoint]`: prints who may have led JNIM's components
// in 2019, the incidents of 2019 (with their inferred years) and the security forces killed since July 2019.
import { createClient } from './client.js';
import { CoalitionComponentsDocument, EstimatesDocument, IncidentPageDocument, QuantityQualifier } from './generated/graphql.js';

const request = createClient(process.argv[2] ?? 'http://localhost:4000/graphql');

const { organization } = await request(CoalitionComponentsDocument, { slug: 'jnim', asOf: '2019' });
for (const component of organization?.components ?? []) {
  const leaders = component.leaders.map((l) => `${l.person.name} (${l.certainty?.toLowerCase()})`).join(', ') || 'no leader recorded';
  console.log(`${component.name} (${component.kind}), leaders in 2019: ${leaders}`);
}

const words: Record<QuantityQualifier, string> = {
  EXACT: '', APPROXIMATE: 'around ', BETWEEN: '', AT_LEAST: 'at least ', MORE_THAN: 'more than ', AT_MOST: 'at most ', LESS_THAN: 'less than ',
};
const figure = (q: { min?: number | null; max?: number | null; qualifier: QuantityQualifier }) =>
  q.qualifier === 'BETWEEN' ? `${q.min} to ${q.max}` : `${words[q.qualifier]}${q.min ?? q.max}`;

const page = await request(IncidentPageDocument, { filter: { from: '2019', to: '2019' }, first: 10 });
for (const { node } of page.incidents.edges) {
  const killed = node.killed ? `${figure(node.killed)} killed` : 'toll unknown';
  const inferred = node.date?.inferred ? ` (inferred: ${node.date.inference})` : '';
  console.log(`${node.date?.iso ?? 'undated'}${inferred} ${node.title}: ${killed}`);
}

const losses = await request(EstimatesDocument, { filter: { kind: ['FORCES_KILLED'] } });
for (const { node } of losses.estimates.edges) {
  console.log(`${node.organization?.name}: ${figure(node)} ${node.unit} killed since ${node.periodStart?.iso}`);
}
