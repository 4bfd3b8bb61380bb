// `node --import tsx examples/sdk/src/example.ts [endpoint]`: prints JNIM's components and 2018's incidents.
import { createClient } from './client.js';
import { CoalitionComponentsDocument, IncidentPageDocument } from './generated/graphql.js';

const request = createClient(process.argv[2] ?? 'http://localhost:4000/graphql');

const { organization } = await request(CoalitionComponentsDocument, { slug: 'jnim' });
for (const component of organization?.components ?? []) {
  const leaders = component.leaders.map((l) => l.person.name).join(', ') || 'no leader recorded';
  console.log(`${component.name} (${component.kind}): ${leaders}`);
}

const page = await request(IncidentPageDocument, { filter: { from: '2018', to: '2018' }, first: 10 });
for (const { node } of page.incidents.edges) {
  const killed = node.killed ? `${node.killed.min}${node.killed.max === node.killed.min ? '' : '+'} killed` : 'toll unknown';
  console.log(`${node.date?.iso ?? 'undated'} ${node.title}: ${killed}`);
}
