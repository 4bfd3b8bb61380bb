// What an import did, by record type and outcome, and its progress while it runs.
import cliProgress from 'cli-progress';

export type Outcome = 'created' | 'updated' | 'unchanged' | 'linked' | 'ambiguous' | 'skipped';
const OUTCOMES: Outcome[] = ['created', 'updated', 'unchanged', 'linked', 'ambiguous', 'skipped'];

export class ImportSummary {
  private readonly counts = new Map<string, Record<Outcome, number>>();
  readonly skippedRows: string[] = [];
  readonly notes: string[] = [];

  count(recordType: string, outcome: Outcome, n = 1): void {
    const row = this.counts.get(recordType) ?? (Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>);
    row[outcome] += n;
    this.counts.set(recordType, row);
  }

  get(recordType: string, outcome: Outcome): number {
    return this.counts.get(recordType)?.[outcome] ?? 0;
  }

  /** One line per record type: "Person: 12 created, 3 linked to an existing entity, 1 left ambiguous". */
  lines(): string[] {
    const words: Record<Outcome, string> = {
      created: 'created', updated: 'updated', unchanged: 'unchanged', linked: 'linked to an existing entity',
      ambiguous: 'left ambiguous (created, pair listed in mergeCandidates)', skipped: 'skipped',
    };
    return [...this.counts].map(([type, row]) => {
      const parts = OUTCOMES.filter((o) => row[o] > 0).map((o) => `${row[o]} ${words[o]}`);
      return `${type}: ${parts.join(', ') || 'nothing'}`;
    });
  }
}

/** A progress bar on a terminal; elsewhere a plain line at every tenth of the work. */
export function progress(label: string, total: number, out: NodeJS.WriteStream = process.stderr) {
  if (out.isTTY) {
    const bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {value}/{total}`, stream: out, hideCursor: true }, cliProgress.Presets.shades_classic);
    bar.start(total, 0);
    return { tick: (n = 1) => bar.increment(n), done: () => bar.stop() };
  }
  let done = 0;
  let reported = 0;
  return {
    tick: (n = 1) => {
      done += n;
      const tenth = Math.floor((done / Math.max(total, 1)) * 10);
      if (tenth > reported) {
        reported = tenth;
        out.write(`${label}: ${done}/${total}\n`);
      }
    },
    done: () => {},
  };
}
