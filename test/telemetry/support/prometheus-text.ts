// Reads the Prometheus text exposition format, as the suites scrape it.

/** One sample line: `name{label="value",...} value`. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const sampleLine = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const labelPair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** The samples of a scrape; comment lines (`# HELP`, `# TYPE`) are skipped. */
export function parseSamples(text: string): Sample[] {
  return text.split('\n').flatMap((line) => {
    const match = sampleLine.exec(line);
    if (match === null || line.startsWith('#')) return [];
    const labels = Object.fromEntries(
      [...(match[2] ?? '').matchAll(labelPair)].map((pair) => [pair[1], pair[2]]),
    );
    return [{ name: match[1] as string, labels, value: Number(match[3]) }];
  });
}

/** The value of the sample named `name` whose labels include `labels`; undefined when none. */
export function sampleValue(
  samples: readonly Sample[],
  name: string,
  labels: Readonly<Record<string, string>>,
): number | undefined {
  const found = samples.find(
    (sample) =>
      sample.name === name &&
      Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
  return found?.value;
}

/** GETs `url` and answers its status and parsed samples; bounded at 5 s. */
export async function scrape(url: string): Promise<{ status: number; samples: Sample[] }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  const text = await response.text();
  return { status: response.status, samples: response.ok ? parseSamples(text) : [] };
}
