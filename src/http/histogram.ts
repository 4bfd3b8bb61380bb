// A Prometheus histogram counted at the cost of a few map lookups, written out by prom-client's registry.
// prom-client's own Histogram builds a key string from the label object at every observation, hashes it
// into a dictionary, checks every label name and converts the bucket bound to a property name. Under
// `{ __typename }` (fresh servers, alternating), this API took 0.215 ms of CPU a request with this class,
// 0.213 with no duration histogram at all and 0.242 with prom-client's (README, 2026-12-07).
import type { Metric, Registry } from 'prom-client';

/** prom-client's default buckets, in seconds. */
export const DEFAULT_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

type LabelValue = string | number;

interface Series {
  labels: Record<string, LabelValue>;
  /** Observations per bucket (not cumulative); the last one counts those above every bound. */
  counts: number[];
  sum: number;
  count: number;
}

/** A tree of maps, one level per label, with the series at the leaves. */
type Level = Map<LabelValue, Level | Series>;

export class Histogram<Name extends string> {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private root: Level = new Map();
  private series: Series[] = [];

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly Name[],
    registry: Registry,
    private readonly buckets: readonly number[] = DEFAULT_BUCKETS,
  ) {
    registry.registerMetric(this as unknown as Metric);
  }

  /** Counts `value` in the series of these label values, given in the order of the label names. */
  observe(values: readonly LabelValue[], value: number): void {
    // prom-client throws on these; in a request's last hook, the observation is dropped instead.
    if (!Number.isFinite(value)) return;
    let level = this.root;
    let found: Level | Series | undefined;
    for (let i = 0; i < this.labelNames.length; i++) {
      found = level.get(values[i]!);
      if (found === undefined) {
        found = i === this.labelNames.length - 1 ? this.newSeries(values) : new Map();
        level.set(values[i]!, found);
      }
      level = found as Level;
    }
    const series = (this.labelNames.length === 0 ? (this.series[0] ?? this.newSeries(values)) : found) as Series;
    let bucket = 0;
    while (bucket < this.buckets.length && value > this.buckets[bucket]!) bucket++;
    series.counts[bucket]!++;
    series.sum += value;
    series.count++;
  }

  private newSeries(values: readonly LabelValue[]): Series {
    const labels = Object.fromEntries(this.labelNames.map((name, i) => [name, values[i]!]));
    const series = { labels, counts: new Array<number>(this.buckets.length + 1).fill(0), sum: 0, count: 0 };
    this.series.push(series);
    return series;
  }

  /** The values as prom-client's registry writes them: cumulative buckets, then `+Inf`, sum and count. */
  get() {
    const values = this.series.flatMap(({ labels, counts, sum, count }) => {
      let cumulative = 0;
      return [
        ...this.buckets.map((bound, i) => ({ labels: { le: bound, ...labels }, value: (cumulative += counts[i]!), metricName: `${this.name}_bucket` })),
        { labels: { le: '+Inf', ...labels }, value: count, metricName: `${this.name}_bucket` },
        { labels, value: sum, metricName: `${this.name}_sum` },
        { labels, value: count, metricName: `${this.name}_count` },
      ];
    });
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  reset(): void {
    this.root = new Map();
    this.series = [];
  }
}
