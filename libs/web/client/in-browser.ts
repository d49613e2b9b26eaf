/** The browser entry's API (dist/public/mimo-browser.js), as the page uses it. */
interface MimoBrowser {
  loadBrowserBundle(url: string): Promise<unknown>;
  predictRecords(bundle: unknown, records: Record<string, unknown>[]): Promise<{ outputs: Record<string, number[]>; answers: Record<string, unknown> }[]>;
}

declare global {
  interface Window {
    mimo?: MimoBrowser;
  }
}

const loading = new Map<string, Promise<void>>();

function script(src: string): Promise<void> {
  let promise = loading.get(src);
  if (!promise) {
    promise = new Promise<void>((resolve, reject) => {
      const element = document.createElement('script');
      element.src = src;
      element.onload = () => resolve();
      element.onerror = () => reject(new Error(`cannot load ${src}`));
      document.head.appendChild(element);
    });
    loading.set(src, promise);
  }
  return promise;
}

const bundles = new Map<string, Promise<unknown>>();

/**
 * Predicts a record in this browser: plain tfjs (global `tf`), Mimo's browser entry and, when the model's app has
 * one, its record decoder script; the bundle is fetched once.
 */
export async function predictInBrowser(model: string, record: Record<string, unknown>, appDecoder: boolean): Promise<{ outputs: Record<string, number[]>; answers: Record<string, unknown> }> {
  await script('/web/tf.min.js');
  await script('/web/mimo-browser.js');
  if (appDecoder) await script(`/v1/models/${encodeURIComponent(model)}/decoder.js`);
  const mimo = window.mimo;
  if (!mimo) throw new Error('mimo-browser.js did not define `mimo`');
  let bundle = bundles.get(model);
  if (!bundle) {
    bundle = mimo.loadBrowserBundle(`/v1/models/${encodeURIComponent(model)}/artifacts`);
    bundles.set(model, bundle);
    bundle.catch(() => bundles.delete(model));
  }
  const [result] = await mimo.predictRecords(await bundle, [record]);
  return result;
}
