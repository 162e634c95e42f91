// The user-facing docs stay connected: every behaviour page is in the index, and every relative link resolves.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** Relative link targets of a Markdown page, without their #fragment. */
function relativeLinks(markdown: string): string[] {
  const targets = [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? '');
  return targets.filter((t) => !/^[a-z]+:/.test(t) && !t.startsWith('#')).map((t) => t.split('#')[0] ?? '');
}

describe('the docs', () => {
  it('index every page of docs/behaviour/ in docs/behaviours.md', () => {
    const index = read('docs/behaviours.md');
    const pages = readdirSync(join(ROOT, 'docs', 'behaviour')).filter((f) => f.endsWith('.md'));
    expect(pages.filter((page) => !index.includes(`](behaviour/${page})`))).toEqual([]);
  });

  it.each(['README.md', 'docs/admin.md', 'docs/in-process.md', 'docs/behaviours.md'])(
    'link from %s only to files that exist',
    (page) => {
      const missing = relativeLinks(read(page)).filter((target) => !existsSync(join(ROOT, dirname(page), target)));
      expect(missing).toEqual([]);
    },
  );
});
