import { DEFAULT_STATS_BUCKETS, incidentStats, MAX_STATS_BUCKETS, type StatsBucket } from '../resolvers/stats.js';
import { builder } from './builder.js';
import { CountRangeRef } from './dates.js';
import { IncidentFilterInput } from './incident.js';
import { OrganizationRef } from './refs.js';

const StatsGroupEnum = builder.enumType('IncidentStatsGroup', {
  description: 'How to bucket incidents.',
  values: {
    YEAR: { description: 'By year of the (earliest) date; undated incidents in the null bucket.' },
    COUNTRY: { description: 'By country code.' },
    KIND: { description: 'By incident kind.' },
    PERPETRATOR: {
      description: 'By organization that carried it out, or took the parts `filter.role` gives ([ACTED_ON]: by organization acted on); an incident with two counts in both.',
    },
  } as const,
});

const StatsBucketRef = builder.objectRef<StatsBucket>('IncidentStatsBucket').implement({
  description: 'Incidents sharing one year, country, kind or perpetrator, with casualty sums.',
  fields: (t) => ({
    key: t.string({
      nullable: true,
      description: 'The year ("2018"), country code, incident kind, or organization slug; null for unknown.',
      resolve: async (b, _, ctx) =>
        b.group === 'PERPETRATOR' && b.key ? ((await ctx.loaders.organizationLoader.load(b.key))?.slug ?? null) : b.key,
    }),
    organization: t.field({
      type: OrganizationRef,
      nullable: true,
      description: 'For PERPETRATOR buckets, the organization.',
      resolve: (b, _, ctx) => (b.group === 'PERPETRATOR' && b.key ? ctx.loaders.organizationLoader.load(b.key) : null),
    }),
    incidentCount: t.exposeInt('incidentCount', { description: 'Number of incidents.' }),
    killed: t.field({
      type: CountRangeRef,
      nullable: true,
      description:
        'People killed, summed over incidents with a known count: min sums the lower bounds; max is null if any count is open-ended. Null when no count is known.',
      resolve: (b) => b.killed,
    }),
    killedUnknownCount: t.exposeInt('killedUnknown', { description: 'Incidents whose death toll is unknown (not counted in `killed`).' }),
    injured: t.field({
      type: CountRangeRef,
      nullable: true,
      description: 'People injured, summed as for `killed`.',
      resolve: (b) => b.injured,
    }),
    injuredUnknownCount: t.exposeInt('injuredUnknown', { description: 'Incidents whose number of injured is unknown.' }),
  }),
});

builder.queryFields((t) => ({
  incidentStats: t.field({
    type: [StatsBucketRef],
    description: 'Incident counts and casualty sums, bucketed by year, country, kind or perpetrator; for dashboards.',
    args: {
      filter: t.arg({ type: IncidentFilterInput, description: 'Which incidents to count (as for `incidents`).' }),
      groupBy: t.arg({ type: StatsGroupEnum, required: true, description: 'How to bucket them.' }),
      first: t.arg.int({
        defaultValue: DEFAULT_STATS_BUCKETS,
        description: `At most this many buckets (1 to ${MAX_STATS_BUCKETS}): with more, those with the most incidents (ties by key). Years, countries and kinds stay under the default; perpetrators may not.`,
      }),
    },
    resolve: (_, args, ctx) => incidentStats(ctx, args.filter, args.groupBy, args.first ?? DEFAULT_STATS_BUCKETS),
  }),
}));
