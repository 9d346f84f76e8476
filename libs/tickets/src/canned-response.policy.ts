const VARIABLE = /\{\{\s*([A-Za-z][A-Za-z0-9_]{0,49})\s*\}\}/g;

/** The variable names a template uses, each once, in order of appearance. */
export function templateVariables(template: string): string[] {
  return [...new Set([...template.matchAll(VARIABLE)].map((m) => m[1]))];
}

/**
 * Fills `{{name}}` placeholders. Every placeholder must be given: a reply with a literal "{{name}}"
 * in it would reach the user, so missing variables are reported instead of rendered.
 */
export function renderTemplate(
  template: string,
  variables: Readonly<Record<string, string>>,
): { text: string; missing: string[] } {
  const missing = templateVariables(template).filter((name) => variables[name] === undefined);
  const text = template.replace(VARIABLE, (whole, name: string) => variables[name] ?? whole);
  return { text, missing };
}
