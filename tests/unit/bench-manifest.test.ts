import { describe, expect, it } from 'vitest';
import { type Manifest, pageLoads, reachable, staticClosure } from '../../bench/lib/manifest';

/** The shape Vite writes: an entry with lazy pages, a shared chunk, and a video chunk only a page's dynamic import reaches. */
const manifest: Manifest = {
  'index.html': { file: 'assets/index.js', src: 'index.html', isEntry: true, imports: ['_shared.js'], dynamicImports: ['src/pages/mc/Mc.tsx', 'src/pages/q/Q.tsx', 'src/lib/qr.ts'], css: ['assets/index.css'] },
  '_shared.js': { file: 'assets/shared.js', imports: ['_react.js'] },
  '_react.js': { file: 'assets/react.js' },
  'src/pages/mc/Mc.tsx': { file: 'assets/Mc.js', src: 'src/pages/mc/Mc.tsx', isDynamicEntry: true, imports: ['_shared.js', '_ui.js'], dynamicImports: ['src/video/Stage.tsx'], css: ['assets/Mc.css'] },
  'src/pages/q/Q.tsx': { file: 'assets/Q.js', src: 'src/pages/q/Q.tsx', isDynamicEntry: true, imports: ['_ui.js'] },
  '_ui.js': { file: 'assets/ui.js', imports: ['_shared.js'] },
  'src/video/Stage.tsx': { file: 'assets/Stage.js', src: 'src/video/Stage.tsx', isDynamicEntry: true, imports: ['_livekit.js'] },
  '_livekit.js': { file: 'assets/livekit.js' },
  'src/lib/qr.ts': { file: 'assets/qr.js', src: 'src/lib/qr.ts', isDynamicEntry: true },
};

describe('bench manifest walking', () => {
  it('follows static imports transitively and never dynamic ones', () => {
    expect([...staticClosure(manifest, ['src/pages/mc/Mc.tsx'])].sort()).toEqual(['_react.js', '_shared.js', '_ui.js', 'src/pages/mc/Mc.tsx']);
  });

  it("gives each lazy page the entry's graph plus its own, and only pages", () => {
    const loads = pageLoads(manifest);
    expect(loads.map((l) => l.page)).toEqual(['(entry only)', 'src/pages/mc/Mc.tsx', 'src/pages/q/Q.tsx']);
    expect(loads[0]!.js.sort()).toEqual(['assets/index.js', 'assets/react.js', 'assets/shared.js']);
    const mc = loads[1]!;
    expect(mc.js.sort()).toEqual(['assets/Mc.js', 'assets/index.js', 'assets/react.js', 'assets/shared.js', 'assets/ui.js']);
    expect(mc.css.sort()).toEqual(['assets/Mc.css', 'assets/index.css']);
    expect(mc.js).not.toContain('assets/livekit.js');
  });

  it('finds chunks only a dynamic import reaches', () => {
    expect(reachable(manifest).has('_livekit.js')).toBe(true);
    expect(() => staticClosure(manifest, ['missing'])).toThrow(/no chunk/);
  });
});
