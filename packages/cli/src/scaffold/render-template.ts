/** Values of a template's `{{name}}` placeholders. */
export type TemplateValues = Readonly<Record<string, string>>;

const placeholder = /\{\{([a-zA-Z]+)\}\}/g;

/**
 * Replaces every `{{key}}` in `text` with its value. A placeholder without a value throws,
 * so a template and its caller cannot drift apart silently. Pure.
 */
export function renderTemplate(text: string, values: TemplateValues): string {
  return text.replace(placeholder, (whole, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`template placeholder ${whole} has no value`);
    return value;
  });
}
