import type { SourceTopicRef } from '@tributary/contract';
import { parseTopicCatalog } from '@tributary/contract';
import { isMap, isSeq, parseDocument, type YAMLSeq } from 'yaml';
import { CliError } from '../errors/cli-error.ts';

/** The group entry `new consumer` adds; the same retry policy the example services use. */
export interface NewGroupEntry {
  /** Group = service name. */
  readonly group: string;
  /** Source topics it reads. */
  readonly reads: readonly SourceTopicRef[];
  /** Tier delays as catalog durations. Default `5s, 1m, 10m`. */
  readonly tiers?: readonly string[];
  /** Attempts including the first. Default 4 (one per tier, plus the first). */
  readonly maxAttempts?: number;
  /** Dedup window. Default `7d`. */
  readonly dedupWindow?: string;
  /** How long its DLQ keeps records. Default `30d` (written out, so it can be seen and edited). */
  readonly dlqRetention?: string;
}

const entryDefaults = {
  tiers: ['5s', '1m', '10m'],
  maxAttempts: 4,
  dedupWindow: '7d',
  dlqRetention: '30d',
} as const;

/**
 * Appends a group to catalog YAML text. The `yaml` Document API reads the file (comments and
 * all) to find the `groups` list, refuse a group that is there already (`consumer_exists`) and
 * learn the list's indentation; the entry is then inserted as text after the list's last item,
 * because re-stringifying the document would also restyle lines nobody changed (flow-list
 * padding). The result is checked as `loadTopicCatalog` would check it. `catalog_unwritable`
 * when `groups` is not a block list. `file` names the catalog in errors. Pure.
 */
export function addCatalogGroup(text: string, file: string, entry: NewGroupEntry): string {
  const document = parseDocument(text);
  if (document.errors.length > 0 || !isMap(document.contents)) {
    throw new CliError('catalog_unwritable', `topic catalog ${file} is not a YAML mapping`);
  }
  const groups = document.get('groups', true);
  let updated: string;
  if (groups === undefined) {
    updated = `${text.replace(/\n*$/, '\n')}\ngroups:\n${groupText(entry, '  ')}\n`;
  } else {
    if (!isSeq(groups) || groups.flow === true || groups.items.length === 0) {
      throw new CliError(
        'catalog_unwritable',
        `groups in topic catalog ${file} is not a block list; add the group by hand`,
      );
    }
    const taken = groups.items.some((item) => isMap(item) && item.get('group') === entry.group);
    if (taken) {
      throw new CliError(
        'consumer_exists',
        `topic catalog ${file} already has a group ${entry.group}`,
      );
    }
    updated = insertAfterLastItem(text, groups, entry);
  }
  parseTopicCatalog(updated, file);
  return updated;
}

function insertAfterLastItem(text: string, groups: YAMLSeq, entry: NewGroupEntry): string {
  const first = groups.items[0] as { range?: [number, number, number] } | undefined;
  const last = groups.items.at(-1) as { range?: [number, number, number] } | undefined;
  const firstStart = first?.range?.[0] ?? 0;
  const lineStart = text.lastIndexOf('\n', firstStart - 1) + 1;
  // The item's range starts after its "- ", so the dash sits two columns to the left.
  const indent = ' '.repeat(Math.max(0, firstStart - lineStart - 2));
  const lastEnd = last?.range?.[1] ?? text.length;
  const lineEnd = text.indexOf('\n', Math.max(lastEnd - 1, 0));
  const at = lineEnd === -1 ? text.length : lineEnd;
  return `${text.slice(0, at)}\n${groupText(entry, indent)}${text.slice(at)}`;
}

/** The entry in the catalog's own style: each read and the tier list on one line. */
function groupText(entry: NewGroupEntry, indent: string): string {
  const reads = entry.reads.map(
    (ref) => `${indent}    - { source: ${ref.source}, major: ${ref.major} }`,
  );
  return [
    `${indent}# Added by 'tributary new consumer ${entry.group}'.`,
    `${indent}- group: ${entry.group}`,
    `${indent}  reads:`,
    ...reads,
    `${indent}  tiers: [${(entry.tiers ?? entryDefaults.tiers).join(', ')}]`,
    `${indent}  maxAttempts: ${entry.maxAttempts ?? entryDefaults.maxAttempts}`,
    `${indent}  dedupWindow: ${entry.dedupWindow ?? entryDefaults.dedupWindow}`,
    `${indent}  dlqRetention: ${entry.dlqRetention ?? entryDefaults.dlqRetention}`,
  ].join('\n');
}
