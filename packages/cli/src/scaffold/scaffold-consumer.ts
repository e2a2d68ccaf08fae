import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceTopicRef, TopicCatalog } from '@tributary/contract';
import { loadTopicCatalog } from '@tributary/contract';
import { CliError } from '../errors/cli-error.ts';
import { addCatalogGroup } from './add-catalog-group.ts';
import { validateConsumerName } from './consumer-name.ts';
import { renderTemplate } from './render-template.ts';

/** The consumer template: every `*.tmpl` file below it, rendered to the same relative path. */
export const consumerTemplateDir = fileURLToPath(
  new URL('../../templates/consumer/', import.meta.url),
);

/** Inputs of {@link scaffoldConsumer}. */
export interface ScaffoldConsumerOptions {
  /** Service name = consumer group, kebab-case. */
  readonly name: string;
  /** Catalog sources it reads (at least one); the highest declared major of each. */
  readonly sources: readonly string[];
  /** Event types its handler takes (at least one). */
  readonly eventTypes: readonly string[];
  /** Repository root: `services/<name>` is created under it. */
  readonly root: string;
  /** Catalog file to add the group to. */
  readonly catalogFile: string;
}

/** What {@link scaffoldConsumer} wrote. */
export interface ScaffoldedConsumer {
  /** The service folder. */
  readonly dir: string;
  /** Files written, relative to the root, in order. */
  readonly files: readonly string[];
  /** The source topics the group reads (without prefix). */
  readonly reads: readonly SourceTopicRef[];
}

/**
 * Creates `services/<name>` from the template and adds the group to the catalog. Everything
 * is checked before anything is written: the name, that neither the folder nor the group
 * exists (`consumer_exists`: it never overwrites), that each source is in the catalog, and
 * that the edited catalog still validates. The folder is written beside its place and renamed
 * in; when the catalog cannot be written afterwards, the folder is removed again.
 */
export function scaffoldConsumer(options: ScaffoldConsumerOptions): ScaffoldedConsumer {
  const name = validateConsumerName(options.name);
  const dir = join(options.root, 'services', name);
  if (existsSync(dir)) {
    throw new CliError('consumer_exists', `${dir} exists already; nothing was changed`);
  }
  const reads = catalogSourceRefs(options.catalogFile, options.sources);
  const catalogText = addCatalogGroup(
    readFileSync(options.catalogFile, 'utf8'),
    options.catalogFile,
    {
      group: name,
      reads,
    },
  );
  const rendered = renderAll(templateValues(name, reads, options.eventTypes));

  const staging = join(options.root, 'services', `.${name}.scaffolding`);
  rmSync(staging, { recursive: true, force: true });
  for (const [path, text] of rendered) {
    mkdirSync(dirname(join(staging, path)), { recursive: true });
    writeFileSync(join(staging, path), text, { flag: 'wx' });
  }
  renameSync(staging, dir);
  try {
    writeFileSync(options.catalogFile, catalogText);
  } catch (error: unknown) {
    rmSync(dir, { recursive: true, force: true });
    throw new CliError('catalog_unwritable', `cannot write ${options.catalogFile}`, {
      cause: error,
    });
  }
  const files = [...rendered.keys()].map((path) => relative(options.root, join(dir, path)));
  return { dir, files, reads };
}

/**
 * The catalog topics `sources` name, each once (a source given twice is read once), at the
 * highest major the catalog declares. Throws a usage error naming the catalog's sources for
 * one it lacks.
 */
export function catalogSourceRefs(
  catalogFile: string,
  sources: readonly string[],
): SourceTopicRef[] {
  const catalog = loadTopicCatalog(catalogFile);
  return [...new Set(sources)].map((source) => sourceRef(catalog, source));
}

function sourceRef(catalog: TopicCatalog, source: string): SourceTopicRef {
  const majors = catalog.sources.filter((entry) => entry.source === source).map((e) => e.major);
  if (majors.length === 0) {
    const known = [...new Set(catalog.sources.map((entry) => entry.source))].join(', ');
    throw new CliError('usage', `source ${source} is not in ${catalog.file} (sources: ${known})`);
  }
  return { source, major: Math.max(...majors) };
}

function templateValues(
  name: string,
  reads: readonly SourceTopicRef[],
  eventTypes: readonly string[],
): Record<string, string> {
  const first = reads[0] as SourceTopicRef;
  return {
    name,
    eventTypes: arrayLiteral(eventTypes.map((type) => `'${type.replaceAll("'", "\\'")}'`)),
    eventTypeList: eventTypes.map((type) => `\`${type}\``).join(', '),
    sourceList: reads.map((ref) => `\`webhooks.${ref.source}.v${ref.major}\``).join(', '),
    firstSource: first.source,
    firstMajor: String(first.major),
    firstEventType: eventTypes[0] ?? '',
  };
}

/** An array literal as the formatter writes it: on one line when `  eventTypes: [...],` fits. */
function arrayLiteral(items: readonly string[]): string {
  const oneLine = `[${items.join(', ')}]`;
  if (`  eventTypes: ${oneLine},`.length <= 100) return oneLine;
  return `[\n${items.map((item) => `    ${item},`).join('\n')}\n  ]`;
}

/** Every template file rendered, keyed by its path in the new service (`.tmpl` dropped). */
function renderAll(values: Record<string, string>): Map<string, string> {
  const rendered = new Map<string, string>();
  const files = readdirSync(consumerTemplateDir, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.tmpl'))
    .sort();
  for (const path of files) {
    const text = readFileSync(join(consumerTemplateDir, path), 'utf8');
    const target = renderTemplate(path.slice(0, -'.tmpl'.length), values);
    rendered.set(target, renderTemplate(text, values));
  }
  return rendered;
}
