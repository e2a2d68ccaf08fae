// A module file that belongs to an installed kafkajs package, on any platform's separator.
const KAFKAJS_FILE = /[\\/]node_modules[\\/]kafkajs[\\/]/;

/**
 * Returns the path of a kafkajs file already in the CommonJS module cache, or `undefined`.
 *
 * kafkajs is CommonJS only, so whether it was `require`d or `import`ed (Node loads an
 * imported CommonJS file through the same loader), its files land in this cache; seeing one
 * there when the telemetry bootstrap runs means kafkajs was loaded before the instrumentation
 * could hook its loading. Any installed copy counts, not only the one this package resolves.
 */
export function findLoadedKafkajs(cache: Readonly<Record<string, unknown>>): string | undefined {
  return Object.keys(cache).find((path) => KAFKAJS_FILE.test(path));
}
