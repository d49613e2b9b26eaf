import { RecordField } from './api';
import { h } from './dom';

/** A form generated from a bundle's record fields; `read` gives the record, errors are shown beside their field. */
export interface RecordForm {
  element: HTMLFormElement;
  /** The record the form holds, or undefined after showing the fields that could not be read. */
  read(): Promise<Record<string, unknown> | undefined>;
  /** Shows `message` beside field `name`, or above the buttons when no field has that name. */
  showError(name: string | undefined, message: string): void;
  clearErrors(): void;
}

/** A field's widget: the element to show and how to read its value (undefined: left empty). */
interface Widget {
  element: HTMLElement;
  read(): Promise<unknown>;
}

const numbersOf = (text: string) =>
  text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((token) => {
      const n = Number(token);
      if (!Number.isFinite(n)) throw new Error(`expected numbers, found ${JSON.stringify(token)}`);
      return n;
    });

/** CSV text with a header row → one object per row; numeric cells become numbers. */
export function parseCsv(text: string): Record<string, unknown>[] {
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  if (lines.length < 2) throw new Error('expected a header row and at least one data row');
  const header = lines[0].split(',').map((cell) => cell.trim());
  return lines.slice(1).map((line, i) => {
    const cells = line.split(',').map((cell) => cell.trim());
    if (cells.length !== header.length) throw new Error(`row ${i + 2} has ${cells.length} cells, the header ${header.length}`);
    return Object.fromEntries(header.map((name, c) => [name, cells[c] !== '' && Number.isFinite(Number(cells[c])) ? Number(cells[c]) : cells[c]]));
  });
}

function toCsv(rows: Record<string, unknown>[]): string {
  const header = Object.keys(rows[0] ?? {});
  return [header.join(','), ...rows.map((row) => header.map((name) => String(row[name] ?? '')).join(','))].join('\n');
}

const fileBase64 = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error(`cannot read ${file.name}`));
    reader.readAsDataURL(file);
  });

function imageWidget(field: RecordField, id: string): Widget {
  let chosen: File | undefined;
  const preview = h('img', { alt: '' });
  preview.hidden = true;
  const input = h('input', { type: 'file', id, name: field.name, accept: 'image/*', hidden: true });
  const caption = h('span', {}, 'Drop an image here, or click to choose one');
  const take = (file: File | undefined) => {
    if (!file) return;
    chosen = file;
    caption.textContent = file.name;
    preview.src = URL.createObjectURL(file);
    preview.hidden = false;
  };
  input.addEventListener('change', () => take(input.files?.[0]));
  const drop = h('div', { className: 'drop', tabIndex: 0, 'data-field': field.name, onclick: () => input.click() }, caption, preview, input);
  drop.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    take(event.dataTransfer?.files[0]);
  });
  return { element: drop, read: async () => (chosen ? fileBase64(chosen) : undefined) };
}

function widgetOf(field: RecordField, id: string): Widget {
  const { kind, example } = field;
  if (kind === 'number') {
    const input = h('input', { type: 'number', step: 'any', id, name: field.name, value: typeof example === 'number' ? String(example) : '' });
    return { element: input, read: async () => (input.value === '' ? undefined : Number(input.value)) };
  }
  if (kind === 'category' && field.choices) {
    const select = h('select', { id, name: field.name }, h('option', { value: '' }, '—'), field.choices.map((choice) => h('option', { value: choice, selected: choice === example }, choice)));
    return { element: select, read: async () => (select.value === '' ? undefined : select.value) };
  }
  if (kind === 'category' || kind === 'text') {
    const input = kind === 'text' ? h('textarea', { id, name: field.name, value: String(example ?? '') }) : h('input', { type: 'text', id, name: field.name, value: String(example ?? '') });
    return { element: input, read: async () => (input.value.trim() === '' ? undefined : input.value) };
  }
  if (kind === 'image') return imageWidget(field, id);
  if (kind === 'number list') {
    const area = h('textarea', { id, name: field.name, value: Array.isArray(example) ? example.join(', ') : '' });
    return { element: area, read: async () => (area.value.trim() === '' ? undefined : numbersOf(area.value)) };
  }
  // Rows (a time series) as CSV, pasted or from a file; anything else as JSON.
  const rows = Array.isArray(example) && example.every((row) => typeof row === 'object' && row !== null && !Array.isArray(row)) && example.length > 0;
  const csv = rows && kind.endsWith('rows');
  const area = h('textarea', { id, name: field.name, value: csv ? toCsv(example as Record<string, unknown>[]) : JSON.stringify(example) });
  const file = h('input', { type: 'file', accept: csv ? '.csv,.json,text/csv,application/json' : '.json,application/json', 'aria-label': `${field.name} from a file` });
  file.addEventListener('change', async () => {
    if (file.files?.[0]) area.value = await file.files[0].text();
  });
  const read = async () => {
    const text = area.value.trim();
    if (text === '') return undefined;
    if (text.startsWith('[') || text.startsWith('{')) {
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        throw new Error(`not valid JSON: ${(error as Error).message}`);
      }
    }
    if (csv) return parseCsv(text);
    throw new Error('expected JSON');
  };
  return { element: h('div', {}, area, file), read };
}

/** Builds the form: one field per record field, labelled with its kind, whether it is required, and its note. */
export function recordForm(fields: RecordField[], buttons: HTMLElement[]): RecordForm {
  const widgets = new Map<string, { widget: Widget; box: HTMLElement; error: HTMLElement }>();
  const formError = h('div', { className: 'form-error', role: 'alert' });
  const boxes = fields.map((field, i) => {
    const id = `field-${i}`;
    const widget = widgetOf(field, id);
    const error = h('div', { className: 'field-error', role: 'alert' });
    const box = h('div', { className: 'field', 'data-field': field.name }, h('label', { for: id }, field.name, ' ', h('span', { className: 'muted' }, `(${field.kind}${field.required ? '' : ', optional'})`)), widget.element, field.note ? h('span', { className: 'note' }, field.note) : null, error);
    widgets.set(field.name, { widget, box, error });
    return box;
  });
  const element = h('form', { noValidate: true, onsubmit: (event: Event) => event.preventDefault() }, boxes, formError, h('div', {}, buttons));
  const clearErrors = () => {
    formError.textContent = '';
    for (const { box, error } of widgets.values()) {
      box.classList.remove('invalid');
      error.textContent = '';
    }
  };
  const showError = (name: string | undefined, message: string) => {
    const target = name === undefined ? undefined : widgets.get(name);
    if (!target) {
      formError.textContent = message;
      return;
    }
    target.box.classList.add('invalid');
    target.error.textContent = message;
  };
  const read = async () => {
    clearErrors();
    const record: Record<string, unknown> = {};
    let ok = true;
    for (const field of fields) {
      try {
        const value = await widgets.get(field.name)!.widget.read();
        if (value === undefined) {
          if (field.required) throw new Error('required');
        } else record[field.name] = value;
      } catch (error) {
        ok = false;
        showError(field.name, (error as Error).message);
      }
    }
    return ok ? record : undefined;
  };
  return { element, read, showError, clearErrors };
}

/** The record field a server error is about: `records[0].<name>` in its field, else a field named in its message. */
export function fieldOfError(fields: RecordField[], field: string | undefined, message: string): string | undefined {
  const named = /^records\[\d+\]\.([^.[\]]+)/.exec(field ?? '')?.[1];
  if (named && fields.some((f) => f.name === named)) return named;
  return fields.find((f) => new RegExp(`(column|field|'|")\\s*${f.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(message))?.name;
}
