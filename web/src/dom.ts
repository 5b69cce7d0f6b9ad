// Small helpers to build the DOM without a framework.

import type { Region } from './types';

export type Child = Node | string | number | null | undefined | false;
type AttrValue = string | number | boolean | null | undefined | EventListener;
export type Attrs = Record<string, AttrValue>;

function apply(el: Element, attrs: Attrs | undefined, children: (Child | Child[])[]): void {
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (typeof value === 'function') {
        el.addEventListener(name.replace(/^on/, ''), value);
      } else {
        el.setAttribute(name, value === true ? '' : String(value));
      }
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

// h('p', {class: 'note'}, 'text', h('strong', null, 'bold'))
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  apply(el, attrs ?? undefined, children);
  return el;
}

const kSvgNs = 'http://www.w3.org/2000/svg';

export function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: (Child | Child[])[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(kSvgNs, tag);
  apply(el, attrs ?? undefined, children);
  return el;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from the page`);
  return el as T;
}

// "Jagang 자강도": the name, and the local name where there is one.
export function regionName(region: Region): HTMLSpanElement {
  return h(
    'span',
    { class: 'region-name' },
    region.name,
    region.name_local ? [' ', h('span', { lang: 'ko', class: 'local' }, region.name_local)] : null,
  );
}

export function regionText(region: Region): string {
  return region.name_local ? `${region.name} ${region.name_local}` : region.name;
}
