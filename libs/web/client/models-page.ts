import { api, ModelMetadata } from './api';
import { fmt, h, show } from './dom';

/** The list of served models, each with its app, inputs, heads and test metrics. */
export async function modelsPage(main: HTMLElement): Promise<void> {
  const { models } = await api<{ models: { name: string; version: string }[] }>('/v1/models');
  const metadata = await Promise.all(models.map((m) => api<ModelMetadata>(`/v1/models/${encodeURIComponent(m.name)}/metadata`)));
  show(
    main,
    h('h1', {}, 'Models'),
    h('p', { className: 'muted' }, models.length ? `${models.length} served` : 'No model is loaded yet.'),
    h(
      'div',
      { className: 'grid models' },
      metadata.map((m) =>
        h(
          'a',
          { className: 'card model', href: `#/models/${encodeURIComponent(m.name)}` },
          h('h3', {}, m.name),
          h('p', {}, m.card.app ? h('span', { className: 'tag' }, m.card.app) : null, Object.entries(m.inputs).map(([name, input]) => h('span', { className: 'tag' }, `${name}: ${input.kind}`))),
          h('p', { className: 'muted' }, Object.entries(m.heads).map(([head, info]) => `${head} (${info.type})`).join(' · ')),
          h('p', {}, Object.entries(m.card.metrics?.test ?? {}).map(([head, values]) => `${head}: ${Object.entries(values).filter(([k]) => k !== 'loss').slice(0, 2).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`).join(' · ')),
        ),
      ),
    ),
  );
}
