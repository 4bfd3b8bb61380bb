// The operations `npm run bench` times in process and the README's table lists; `npm run bench:load`
// asks them of PostGraphile too (all but the timeline, which it has no equivalent for).
import { EXAMPLE_QUERY } from '../src/http/yoga.js';

export const README_OPERATIONS = {
  'GraphiQL example (JNIM components, leaders, citations)': EXAMPLE_QUERY,
  '50 coalitions → transitive components → leaders → person → aliases': `{
    organizations(first: 50, filter: { kind: [COALITION] }) {
      edges { node { slug components(transitive: true) { slug leaders { person { name aliases { name } } } } } }
    } }`,
  'incidents page, filtered, with perpetrators and citations': `{
    incidents(first: 20, filter: { from: "2015", to: "2020" }) {
      totalCount edges { node { title date { iso } killed { min max } perpetrators { attribution organization { name } } citations { quote } } }
    } }`,
  'incidentStats by year': '{ incidentStats(groupBy: YEAR) { key incidentCount killed { min max } } }',
  'organization timeline': '{ organization(slug: "jnim") { timeline { kind date { iso } description } } }',
} as const satisfies Record<string, string>;
