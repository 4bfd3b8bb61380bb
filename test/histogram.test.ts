// The request-duration and cost histograms of /metrics (src/http/histogram.ts) are written exactly as
// prom-client's own Histogram writes the same observations: the same lines, buckets, sums and counts.
import { Histogram as PromHistogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { Histogram } from '../src/http/histogram.js';

const observations: [labels: [string, string, string, number], seconds: number][] = [
  [['Named', 'query', 'POST', 200], 0.0031],
  // On a bound: counted in that bound's bucket, as Prometheus' `le` says.
  [['Named', 'query', 'POST', 200], 0.005],
  [['(anonymous)', 'query', 'GET', 200], 0.26],
  [['Named', 'query', 'POST', 200], 0.011],
  // A label value to escape, a status of its own, and a duration above every bound.
  [['say "hi"\\', 'mutation', 'POST', 400], 12],
  [['(anonymous)', 'query', 'GET', 200], 0],
];

describe('the metrics histogram', () => {
  it('writes what prom-client writes for the same observations, labelled or not', async () => {
    const ours = new Registry();
    const theirs = new Registry();
    const labelNames = ['operationName', 'operationType', 'method', 'statusCode'] as const;
    const fast = new Histogram('request_duration', 'How long.', labelNames, ours);
    const reference = new PromHistogram({ name: 'request_duration', help: 'How long.', labelNames, registers: [theirs] });
    const buckets = [1, 10, 100];
    const fastCost = new Histogram('operation_cost', 'How costly.', [], ours, buckets);
    const referenceCost = new PromHistogram({ name: 'operation_cost', help: 'How costly.', buckets, registers: [theirs] });
    for (const [[operationName, operationType, method, statusCode], seconds] of observations) {
      fast.observe([operationName, operationType, method, statusCode], seconds);
      reference.observe({ operationName, operationType, method, statusCode }, seconds);
      fastCost.observe([], seconds * 1_000);
      referenceCost.observe(seconds * 1_000);
    }
    // Not a number of seconds: prom-client throws, this class counts nothing.
    expect(() => reference.observe({ operationName: 'Named', operationType: 'query', method: 'POST', statusCode: 200 }, Number.NaN)).toThrow();
    fast.observe(['Named', 'query', 'POST', 200], Number.NaN);
    fast.observe(['Named', 'query', 'POST', 200], Number.POSITIVE_INFINITY);
    const written = await ours.metrics();
    expect(written).toBe(await theirs.metrics());
    expect(written).toContain('request_duration_bucket{le="0.005",operationName="Named",operationType="query",method="POST",statusCode="200"} 2');
    expect(written).toContain('request_duration_count{operationName="say \\"hi\\"\\\\",operationType="mutation",method="POST",statusCode="400"} 1');
    expect(written).toContain('operation_cost_bucket{le="+Inf"} 6');

    fast.reset();
    reference.reset();
    expect(await ours.getSingleMetricAsString('request_duration')).toBe(await theirs.getSingleMetricAsString('request_duration'));
  });
});
