/**
 * The TypeScript code blocks of README.md and docs/*.md: every ```ts (or ```typescript) fence,
 * except those marked ```ts no-check.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { root } from '../cli/helpers.js';

/** One code block. */
export interface Block {
  /** The Markdown file. */
  doc: string;
  /** Line of the opening fence. */
  line: number;
  /** The code. */
  code: string;
  /** `README-L123`: a name for files made from it. */
  name: string;
}

/** README.md and every docs/*.md, README first. */
export function docs(): string[] {
  const dir = join(root, 'docs');
  const pages = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => join(dir, f));
  return [join(root, 'README.md'), ...pages];
}

/** The TypeScript blocks of one Markdown file. */
export function blocks(doc: string): Block[] {
  const text = readFileSync(doc, 'utf8');
  const found: Block[] = [];
  const fence = /^(`{3,})(ts|typescript)([^\n]*)\n([\s\S]*?)^\1[ \t]*$/gm;
  for (let m = fence.exec(text); m !== null; m = fence.exec(text)) {
    if (/\bno-check\b/.test(m[3] ?? '')) continue;
    const line = text.slice(0, m.index).split('\n').length;
    found.push({ doc, line, code: m[4] ?? '', name: `${basename(doc, '.md')}-L${line}` });
  }
  return found;
}

/** `README.md:123`. */
export const where = (b: Block) => `${b.doc.slice(root.length + 1)}:${b.line}`;
