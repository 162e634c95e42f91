// IAM-style wildcard matching (`*` any run of characters, `?` one character) without regular expressions.

/**
 * Whole-string match of `text` against `pattern`. The greedy two-pointer walk costs at most
 * pattern.length × text.length steps, so request-controlled text (resource ids arrive before input validation)
 * can never make it backtrack exponentially, as a regex built from the pattern could.
 */
export function matchesWildcard(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resumeAt = 0;
  while (t < text.length) {
    const token = pattern[p];
    if (token === '*') {
      star = p;
      resumeAt = t;
      p++;
    } else if (token !== undefined && (token === '?' || token === text[t])) {
      p++;
      t++;
    } else if (star !== -1) {
      // Let the last `*` swallow one more character and retry from just after it.
      p = star + 1;
      resumeAt++;
      t = resumeAt;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}
