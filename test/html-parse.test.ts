import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseHTML } from 'linkedom';
import t from 'tap';
import { dropUnreadNodes, parsePage, stripMarkup } from '../lib/html/dom.js';
import { pageMetadata } from '../lib/html/page-metadata.js';
import { resolveOptions } from '../lib/options.js';
import { ROOT, SEEDS } from './helpers.js';

// What the HTML path cuts from a page's source before parsing it: nodes that
// nothing reads. What is read must come through as written.

t.test('attributes: the read ones stay as written, the others go', async (t) => {
  const tag = '<img src="/a.jpg" srcset="/a-2x.jpg 2x" alt="A ferry > a boat" width=640 loading=lazy>';
  t.equal(dropUnreadNodes(tag), '<img>', 'image sources, sizes and alt text go; a quoted ">" does not end the tag');
  const read = '<a HREF="/story?id=1&amp;p=2#comment-3" class=\'share big\' onclick="track(\'a>b\')" data-track="x" rel=author title="By Ana">Ana</a>';
  t.equal(dropUnreadNodes(read), '<a HREF="/story?id=1&amp;p=2#comment-3" class=\'share big\' rel=author title="By Ana">Ana</a>');
  t.equal(dropUnreadNodes('<a href="/story/2" class="more">More</a>'), '<a class="more">More</a>', 'a link’s address is read only for its "#"');
  t.equal(dropUnreadNodes('<link rel="canonical" href="/a">'), '<link rel="canonical" href="/a">', 'a canonical link keeps its address');
  t.equal(
    dropUnreadNodes('<div itemprop="articleBody" data-post-id="7" data-ipsquote-username="Jo" aria-label="x" style="display:none" hidden/>'),
    '<div itemprop="articleBody" data-post-id="7" data-ipsquote-username="Jo" style="display:none" hidden>',
  );
});

t.test('white space beside a block-level tag goes; between inline tags it stays', async (t) => {
  t.equal(dropUnreadNodes('<div>\n  <p>One</p>\n  <p>Two <b>bold</b> <i>it</i></p>\n</div>'), '<div><p>One</p><p>Two <b>bold</b> <i>it</i></p></div>');
  t.equal(dropUnreadNodes('<span>a</span> <span>b</span>'), '<span>a</span> <span>b</span>');
  t.equal(dropUnreadNodes('<pre>  two  spaces  </pre>'), '<pre>  two  spaces  </pre>', 'text that is not only white space is kept whole');
  t.equal(dropUnreadNodes('<title>Why <div> is not a tag here</title>'), '<title>Why <div> is not a tag here</title>', 'a title is text');
  t.equal(dropUnreadNodes('1 < 2 and 3 <4'), '1 < 2 and 3 <4', 'a "<" that starts no tag is text');
});

t.test('<link>: canonical and author stay, style sheets and preloads go', async (t) => {
  const head = '<link rel="stylesheet" href="/a.css"><link rel=preload as=font href=/f.woff2><link rel="canonical" href="https://example.org/a"><link href="/me" rel="author">';
  t.equal(dropUnreadNodes(head), '<link rel="canonical" href="https://example.org/a"><link href="/me" rel="author">');
});

t.test('the metadata of every HTML golden page reads the same with and without the cut', async (t) => {
  for (const slug of ['html-wordpress', 'html-news-chrome', 'html-discourse', 'html-bench-cityam-com', 'html-bench-blog-givewell-org']) {
    const source = readFileSync(join(SEEDS, slug, 'input.html'), 'utf8');
    const { html, jsonLd } = stripMarkup(source);
    const uncut = pageMetadata(parseHTML(html).document as unknown as Document, jsonLd);
    const page = parsePage(source, 'linkedom', resolveOptions());
    t.same(pageMetadata(page.document, page.jsonLd), uncut, slug);
  }
});

t.test("linkedom's nodes skip listener registration only in a thread that asks, with constructors V8 keeps optimised", async (t) => {
  // Each case runs in a child: the switch is for a whole thread, and the check of V8's state needs a flag.
  const dom = pathToFileURL(join(ROOT, 'dist/lib/html/dom.js')).href;
  const limits = JSON.stringify(resolveOptions());
  const probe = (skip: boolean) =>
    execFileSync(
      process.execPath,
      [
        '--allow-natives-syntax',
        '--input-type=module',
        '-e',
        `const m = await import('${dom}'); ${skip ? 'm.skipNodeListeners();' : ''}
         const { Node } = await import('linkedom');
         const { document } = m.parsePage('<p id="a">One <b>two</b></p>', 'linkedom', ${limits});
         const p = document.getElementById('a');
         let heard = 'no error';
         try { p.addEventListener('click', () => (heard = 'heard')); p.dispatchEvent(new document.defaultView.Event('click')); } catch { heard = 'throws'; }
         console.log(heard, %HasFastProperties(Object.getPrototypeOf(Object.getPrototypeOf(Node))));`,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    ).trim();
  t.equal(probe(false), 'heard true', "importing the library leaves linkedom's events working");
  // Skipped, a node has no listener map: adding a listener fails, which no page of ours does.
  // The swapped-in base class must not be left in V8's dictionary mode: every optimised node
  // constructor was then thrown away at install and compiled again, thousands of times a run.
  t.equal(probe(true), 'throws true', "in a thread that asked, nodes have no listener map, and the base class keeps fast properties");
});
