// The web app (docs/web.md): hash routes #/ (models), #/models/{name} (a model's page) and #/runs (bench).
import { ApiError } from './api';
import { h, show } from './dom';
import { modelPage } from './model-page';
import { modelsPage } from './models-page';
import { runsPage } from './runs-page';

async function route(): Promise<void> {
  const main = document.getElementById('main');
  if (!main) return;
  const hash = location.hash.replace(/^#/, '') || '/';
  try {
    if (hash.startsWith('/models/')) await modelPage(main, decodeURIComponent(hash.slice('/models/'.length)));
    else if (hash === '/runs') await runsPage(main);
    else await modelsPage(main);
  } catch (error) {
    const hint = error instanceof ApiError && error.status === 401 ? ' Open this page as /?token=<token> once.' : '';
    show(main, h('h1', {}, 'Something went wrong'), h('p', { className: 'bad page-error' }, `${(error as Error).message}${hint}`));
  }
}

window.addEventListener('hashchange', () => void route());
void route();
