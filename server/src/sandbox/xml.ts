import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { limitError } from './limits';

/**
 * One pass of saxes over an XML part with its nesting checked at every opening tag: a part
 * deeper than `maxDepth` stops there, before a reader builds anything for it. saxes reads no
 * DTD, so entity expansion ("billion laughs") cannot happen.
 */
export function readXml(
  part: string,
  xml: string,
  maxDepth: number,
  on: { open?: (node: SaxesTagPlain) => void; close?: (node: SaxesTagPlain) => void; text?: (text: string) => void } = {},
): void {
  const parser = new SaxesParser();
  let depth = 0;
  parser.on('opentag', (node) => {
    if (++depth > maxDepth) throw limitError.xmlDepth(part, maxDepth);
    on.open?.(node);
    // A self-closing tag gets its closetag event too.
  });
  parser.on('closetag', (node) => {
    depth--;
    on.close?.(node);
  });
  if (on.text) parser.on('text', on.text);
  parser.write(xml).close();
}
