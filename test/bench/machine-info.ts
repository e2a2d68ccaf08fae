import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, totalmem } from 'node:os';

/** What a benchmark result was measured on, saved beside the numbers. */
export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  kafka: string;
  kafkajs: string;
}

function kafkajsVersion(): string {
  try {
    return execFileSync(process.execPath, ['-p', "require('kafkajs/package.json').version"], {
      encoding: 'utf8',
    }).trim();
  } catch {
    return 'unknown';
  }
}

/** Describes this machine and the versions under test. `kafkaVersion` comes from deploy/local. */
export function machineInfo(kafkaVersion: string): MachineInfo {
  return {
    cores: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    kafka: kafkaVersion,
    kafkajs: kafkajsVersion(),
  };
}
