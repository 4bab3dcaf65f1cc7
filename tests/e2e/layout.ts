import type { Page } from '@playwright/test';

/** The office screens a console, a board and a projector must fit without scrolling the page. */
export const OFFICE_SCREENS = [
  { width: 1366, height: 768 },
  { width: 1600, height: 900 },
  { width: 1920, height: 1080 },
] as const;

/**
 * Measures a page's boxes in the browser and answers every layout fault it finds, as readable
 * lines (an empty list: the layout holds):
 *
 * - the page scrolls (its document is taller or wider than the window);
 * - a named region (CSS selector → name) is missing, or not wholly inside the window;
 * - an element sticks out of its region's box (outside scrolling panels, whose rows may scroll)
 *   or a box's content is wider than the box (a horizontal overflow nobody can see);
 * - a clock's digits, a header's time of day, a button's or a chip's words take more than one line;
 * - two of the regions named in `apart` overlap (a pinned question over the projector's buttons).
 */
export async function layoutFaults(page: Page, regions: Record<string, string>, apart: string[] = []): Promise<string[]> {
  return page.evaluate(([regions, apart]) => {
    const faults: string[] = [];
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    const doc = document.scrollingElement ?? document.documentElement;
    if (doc.scrollHeight > vh + 1) faults.push(`the page scrolls: ${doc.scrollHeight} px tall in a ${vh} px window`);
    if (doc.scrollWidth > vw + 1) faults.push(`the page scrolls sideways: ${doc.scrollWidth} px wide in a ${vw} px window`);

    const label = (el: Element) => {
      const testId = el.getAttribute('data-testid');
      const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return `${el.tagName.toLowerCase()}${cls}${testId ? `[${testId}]` : ''} "${text}"`;
    };
    const shown = (el: Element) => {
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return style.display !== 'none' && style.visibility !== 'hidden' && box.width > 0 && box.height > 0;
    };
    const scrolls = (el: Element) => {
      const style = getComputedStyle(el);
      return /auto|scroll|hidden|clip/.test(style.overflowX + style.overflowY);
    };
    const TOLERANCE = 1;

    for (const [name, selector] of Object.entries(regions)) {
      const region = document.querySelector(selector);
      if (!region || !shown(region)) {
        faults.push(`region "${name}" (${selector}) is not on the page`);
        continue;
      }
      const box = region.getBoundingClientRect();
      if (box.top < -TOLERANCE || box.left < -TOLERANCE || box.bottom > vh + TOLERANCE || box.right > vw + TOLERANCE) {
        faults.push(`region "${name}" is not inside the ${vw}×${vh} window: ${Math.round(box.left)},${Math.round(box.top)} → ${Math.round(box.right)},${Math.round(box.bottom)}`);
      }
      // every descendant inside the region's box, unless a scrolling panel holds it (rows scroll there)
      const walk = (el: Element, clip: DOMRect) => {
        for (const child of el.children) {
          if (!shown(child)) continue;
          const r = child.getBoundingClientRect();
          const style = getComputedStyle(child);
          const positioned = style.position === 'fixed';
          // an inline box's glyph area may rise above a tight line height (a clock's line-height: 1): only its width counts
          const inline = style.display === 'inline';
          const outside = r.left < clip.left - TOLERANCE || r.right > clip.right + TOLERANCE || (!inline && (r.top < clip.top - TOLERANCE || r.bottom > clip.bottom + TOLERANCE));
          if (!positioned && outside) {
            faults.push(`in "${name}": ${label(child)} sticks out of its box (${Math.round(r.left)},${Math.round(r.top)} → ${Math.round(r.right)},${Math.round(r.bottom)})`);
            continue;
          }
          if (scrolls(child)) {
            if (child.scrollWidth > child.clientWidth + TOLERANCE && style.overflowX !== 'hidden' && style.overflowX !== 'clip') {
              faults.push(`in "${name}": ${label(child)} is wider inside (${child.scrollWidth} px) than its box (${child.clientWidth} px)`);
            }
            continue; // its rows may scroll out of view by design
          }
          walk(child, clip);
        }
      };
      walk(region, box);
    }

    // one line: clocks' digits, the time of day in headers, buttons, chips (a wrapped line has a second client rect row)
    for (const el of document.querySelectorAll('.clock__digits, .screen__time, .board-header__time, .server-clock__time, .site-header__time, .button, .icon-button, .chip, .schedule__offset')) {
      if (!shown(el)) continue;
      const range = document.createRange();
      range.selectNodeContents(el);
      // rects that overlap vertically share a line (an icon and its word may sit at different heights)
      const rects = [...range.getClientRects()].filter((r) => r.width > 0.5).sort((a, b) => a.top - b.top);
      let lines = 0;
      let bottom = -Infinity;
      for (const r of rects) {
        if (r.top >= bottom - 2) lines += 1;
        bottom = Math.max(bottom, r.bottom);
      }
      if (lines > 1) faults.push(`${label(el)} takes ${lines} lines`);
      if (el.scrollWidth > el.clientWidth + TOLERANCE && el.clientWidth > 0) faults.push(`${label(el)} is cut: ${el.scrollWidth} px of words in ${el.clientWidth} px`);
    }
    for (const [i, a] of apart.entries()) {
      for (const b of apart.slice(i + 1)) {
        const boxA = document.querySelector(regions[a]!)?.getBoundingClientRect();
        const boxB = document.querySelector(regions[b]!)?.getBoundingClientRect();
        if (!boxA || !boxB) continue;
        const width = Math.min(boxA.right, boxB.right) - Math.max(boxA.left, boxB.left);
        const height = Math.min(boxA.bottom, boxB.bottom) - Math.max(boxA.top, boxB.top);
        if (width > TOLERANCE && height > TOLERANCE) faults.push(`"${a}" and "${b}" overlap by ${Math.round(width)}×${Math.round(height)} px`);
      }
    }
    return faults;
  }, [regions, apart] as const);
}
