import { register, supportsSyncHooks } from 'import-in-the-middle/register-hooks.mjs';

/**
 * Lets the instrumentations patch modules loaded with `import`, not only `require`: without a
 * loader hook, an ES module importing `kafkajs`, `pino` or `node:http` gets exports no
 * instrumentation ever saw. Uses import-in-the-middle's synchronous in-thread hooks
 * (`module.registerHooks`), limited to `moduleNames` so no other module is wrapped.
 *
 * Returns false, registering nothing, on a Node whose `module.registerHooks` cannot run
 * them (before 22.22.3, 24.11.1 or 25.1.0); only `require`d modules are patched there.
 */
// Shortcoming: no fallback to the asynchronous module.register() loader, so on Node 22.18 to
// 22.22.2 (which `engines` allows) ES module imports go unpatched; only a warning is logged.
export function registerEsmHooks(moduleNames: readonly string[]): boolean {
  if (!supportsSyncHooks()) return false;

  register({ include: [...moduleNames] });
  return true;
}
