/** Attributes of `h`: properties (`className`, `value`…), `on<event>` listeners, `data-*` / `aria-*` attributes. */
type Props = Record<string, unknown>;
type Child = Node | string | number | null | undefined | false | Child[];

/** A DOM element with properties and children: the page's only way of making markup (no innerHTML: no injection). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2).toLowerCase(), value as EventListener);
    else if (key.startsWith('data-') || key.startsWith('aria-') || key === 'for' || key === 'role') element.setAttribute(key, String(value));
    else (element as unknown as Record<string, unknown>)[key] = value;
  }
  append(element, children);
  return element;
}

function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content. */
export function show(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A number as people read it: 3 significant decimals for small values, grouped thousands for large. */
export function fmt(value: unknown): string {
  if (typeof value !== 'number') return value === undefined || value === null ? '—' : String(value);
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(3)).toString();
}
