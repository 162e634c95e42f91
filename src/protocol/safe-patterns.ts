// Linear-time stand-ins for model patterns that V8's backtracking engine would match slowly on long hostile input.
// Used only for matching: messages always quote the model's pattern. Each entry is proven equivalent in
// safe-patterns.test.ts.

/** Model pattern text → equivalent regex source (still wrapped in ^(?:…)$ by the validator). */
export const safePatterns: ReadonlyMap<string, string> = new Map([
  // DomainName: (alnum+ sep)+ alnum+ nests one quantifier in another, and each failed attempt unwinds every
  // iteration. The same language, said flat: allowed characters only, starting and ending with an alphanumeric,
  // at least one separator, never two separators in a row.
  ['^([a-zA-Z0-9]+[.-])+([a-zA-Z0-9])+$', '^(?![.-])(?=[^.-]*[.-])(?![^]*[.-][.-])(?![^]*[.-]$)[a-zA-Z0-9.-]+$'],
]);

/** The regex source to match a model pattern with. */
export function matchingSource(pattern: string): string {
  return safePatterns.get(pattern) ?? pattern;
}
