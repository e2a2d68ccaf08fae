// Public API of the CLI package: the command tree (for tools that embed it) and the table of
// how `send` signs each source, which the ingress's default sources are kept in step with.
export type { CliErrorCode } from './errors/cli-error.ts';
export { CliError, cliErrorCodes, isCliError } from './errors/cli-error.ts';
export type { CliSettings } from './program/cli-settings.ts';
export { cliDefaults, cliSettingsFrom } from './program/cli-settings.ts';
export type { ProgramDeps } from './program/create-program.ts';
export { createProgram } from './program/create-program.ts';
export { exitCodes } from './program/exit-codes.ts';
export type { SendSource, SendSourceName } from './send/send-sources.ts';
export { sendSourceNames, sendSources } from './send/send-sources.ts';
