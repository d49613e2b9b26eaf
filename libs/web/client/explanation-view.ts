import { Attribution, HeadExplanation, ModelMetadata } from './api';
import { barChart, lineChart } from './charts';
import { fmt, h } from './dom';

const MAX_BARS = 40;

/** A red (against) to blue (for) background for an attribution, by its share of the largest one. */
function tint(value: number, max: number): string {
  const share = max > 0 ? Math.min(1, Math.abs(value) / max) : 0;
  return value >= 0 ? `rgba(47,111,223,${(share * 0.75).toFixed(3)})` : `rgba(214,69,80,${(share * 0.75).toFixed(3)})`;
}

/** Tokens highlighted by their attributions (padding left out). */
function tokensView(a: Attribution): HTMLElement {
  const max = Math.max(...a.values.map(Math.abs));
  const words = (a.tokens ?? a.ids?.map(String) ?? []).map((token, i) => ({ token, value: a.values[i] })).filter((w, i) => (a.ids ? a.ids[i] !== 0 : true));
  return h('p', { className: 'tokens' }, words.map((w) => h('span', { title: fmt(w.value), style: `background:${tint(w.value, max)}` }, w.token)));
}

/** A heat map of an image's attributions (channels summed), beside the image the user gave when there is one. */
function heatMapView(a: Attribution, image?: string): HTMLElement {
  const [height, width, channels = 1] = a.shape;
  const summed = Array.from({ length: height * width }, (_, p) => {
    let total = 0;
    for (let c = 0; c < channels; c++) total += a.values[p * channels + c];
    return total;
  });
  const max = Math.max(...summed.map(Math.abs));
  const canvas = h('canvas', { width, height, 'aria-label': 'attribution heat map', role: 'img', className: 'heatmap' });
  const context = canvas.getContext('2d');
  if (context) {
    const pixels = context.createImageData(width, height);
    summed.forEach((v, p) => {
      const share = max > 0 ? Math.abs(v) / max : 0;
      pixels.data.set(v >= 0 ? [47, 111, 223, Math.round(255 * share)] : [214, 69, 80, Math.round(255 * share)], p * 4);
    });
    context.putImageData(pixels, 0, 0);
  }
  return h('div', { className: 'heat' }, image ? h('img', { src: `data:image/*;base64,${image}`, width: 168, height: 168, alt: 'input image', style: 'image-rendering:pixelated' }) : null, canvas);
}

/** One input's attributions, drawn for its kind: bars per feature, highlighted tokens, a heat map, a line over time. */
function inputDetail(name: string, kind: string, a: Attribution, image: string | undefined): HTMLElement {
  const title = `${name}: ${fmt(a.total)} in all (baseline: ${a.baseline})`;
  if (kind === 'tokens') return h('div', {}, h('h4', {}, title), tokensView(a));
  if (kind === 'image') return h('div', {}, h('h4', {}, title), heatMapView(a, image));
  if (kind === 'sequence') {
    const [steps, width] = a.shape;
    const perStep = Array.from({ length: steps }, (_, t) => a.values.slice(t * width, (t + 1) * width).reduce((x, y) => x + y, 0));
    return h('div', {}, h('h4', {}, title), lineChart(`${name} by time step`, { attribution: perStep }, 'time step'));
  }
  if (kind === 'token-groups') {
    const groups = a.shape[0];
    const size = a.values.length / groups;
    const perGroup = Array.from({ length: groups }, (_, g) => a.values.slice(g * size, (g + 1) * size).reduce((x, y) => x + y, 0));
    return h('div', {}, h('h4', {}, title), barChart(`${name} by group`, perGroup.map((_, g) => `group ${g + 1}`), perGroup));
  }
  // Past a few dozen features bars cannot be read: a line over the feature index shows where the credit lies.
  if (a.values.length > MAX_BARS) return h('div', {}, h('h4', {}, title), lineChart(`${name} by feature`, { attribution: a.values }, 'feature'));
  const labels = a.values.map((_, i) => a.features?.[i] ?? `${name}[${i}]`);
  return h('div', {}, h('h4', {}, title), barChart(`${name} by feature`, labels, a.values));
}

/** Why a head answered as it did: per input its total attribution and its ablation, then each input's details. */
export function explanationView(head: string, e: HeadExplanation, metadata: ModelMetadata, images: Record<string, string>): HTMLElement {
  const inputs = Object.keys(e.attributions);
  const what = e.class === undefined ? `output ${e.unit}` : `P(${e.class})`;
  const check = e.completeness.holds ? h('span', { className: 'ok' }, '✓') : h('span', { className: 'bad' }, '✗');
  return h(
    'div',
    { className: 'card explanation', 'data-head': head },
    h('h3', {}, `Why ${head}: ${what} = ${fmt(e.output)}`),
    h('p', { className: 'muted' }, `Integrated gradients from every input at its baseline (${what} = ${fmt(e.baselineOutput)}); attributions sum to ${fmt(e.completeness.sum)} against ${fmt(e.completeness.delta)} (${e.completeness.steps} steps) `, check),
    h('div', { className: 'grid' }, barChart(`attribution by input`, inputs, inputs.map((name) => e.attributions[name].total)), h('table', { className: 'ablation' }, h('tr', {}, h('th', {}, 'input'), h('th', {}, 'attribution'), h('th', {}, `${what} without it`)), inputs.map((name) => h('tr', {}, h('td', {}, name), h('td', { className: 'num' }, fmt(e.attributions[name].total)), h('td', { className: 'num' }, fmt(e.ablation[name])))))),
    inputs.map((name) => inputDetail(name, metadata.inputs[name]?.kind ?? '', e.attributions[name], images[name])),
  );
}
